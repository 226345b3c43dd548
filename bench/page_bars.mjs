// The pages' bars from issue 12, measured in Chromium on the built site (dist/, served by vite preview
// with COOP/COEP, so the threaded build runs): cold load to first numbers on every analysis page, and
// the latency of each page's what-if (action → #answer updated). Each figure is the median of REPEATS
// fresh loads / actions in one run. Prints one JSON line per measurement and keeps them in
// bench/out/page_bars.jsonl.
//   npm run build && node bench/page_bars.mjs [REPEATS] [page,page,...]   (e.g. 5 budget,uplift)
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, root, startPreview } from '../tests/e2e/support.js';

const REPEATS = Number(process.argv[2] ?? 5);
const ONLY = process.argv[3]?.split(',');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Page, its bar for the cold load, and its what-if: an action and the bar for the answer's update. */
const PAGES = [
  { file: 'abtest.html', bar: 3000 },
  {
    file: 'uplift.html', bar: 3000, whatIf: { name: 'cost per e-mail change', bar: 100,
      act: (page, i) => page.evaluate((v) => { const box = document.getElementById('cost'); box.value = String(v); box.dispatchEvent(new Event('change', { bubbles: true })); }, 0.05 + 0.01 * i) },
  },
  {
    file: 'budget.html', bar: 3000, whatIf: { name: 'budget preset (−20% / +10% alternately)', bar: 300,
      act: (page, i) => page.click(`[data-field="budget"] .preset[data-preset="${i % 2 ? '0.1' : '-0.2'}"]`) },
  },
  { file: 'dcm.html', bar: 3000 },
  {
    file: 'shapley.html', bar: 3000, whatIf: { name: '"without X" change', bar: 100,
      act: async (page, i) => {
        const values = await page.locator('#without option').evaluateAll((os) => os.map((o) => o.value));
        await page.selectOption('#without', values[(i + 1) % values.length]);
      } },
  },
];

const updates = (page) => page.evaluate(() => Number(document.getElementById('answer')?.dataset.updates ?? 0));

async function coldLoad(browser, origin, file) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${origin}/${file}`);
  await page.waitForFunction(() => Number(document.getElementById('answer')?.dataset.updates ?? 0) > 0, null, { timeout: 120_000 });
  const ms = await page.evaluate(() => Number(document.getElementById('answer').dataset.updatedAt));
  return { ms, context, page };
}

async function whatIf(page, { act }, i) {
  await page.waitForFunction(() => document.body.dataset.busy !== 'true', null, { timeout: 120_000 });
  const before = await updates(page);
  const t0 = await page.evaluate(() => performance.now());
  await act(page, i);
  await page.waitForFunction((n) => Number(document.getElementById('answer').dataset.updates) > n, before, { timeout: 60_000 });
  return (await page.evaluate(() => Number(document.getElementById('answer').dataset.updatedAt))) - t0;
}

const server = await startPreview();
const browser = await launchBrowser();
const lines = [];
const report = (line) => {
  lines.push(line);
  console.log(JSON.stringify(line));
};
try {
  for (const spec of PAGES.filter((p) => !ONLY || ONLY.includes(p.file.replace('.html', '')))) {
    const loads = [];
    let kept = null;
    for (let r = 0; r < REPEATS; r++) {
      // The previous load is closed first: its background work (the uplift page's other learners) would
      // otherwise compete with this one. The last load stays open for the what-if.
      if (kept) await kept.context.close();
      const { ms, context, page } = await coldLoad(browser, server.origin, spec.file);
      loads.push(ms);
      kept = { context, page };
    }
    report({ bench: 'page_cold_load', page: spec.file, median_ms: Math.round(median(loads)), all_ms: loads.map(Math.round), bar_ms: spec.bar, met: median(loads) < spec.bar });
    if (spec.whatIf) {
      const times = [];
      for (let r = 0; r < REPEATS; r++) times.push(await whatIf(kept.page, spec.whatIf, r));
      report({ bench: 'page_what_if', page: spec.file, what: spec.whatIf.name, median_ms: Math.round(median(times)), all_ms: times.map(Math.round), bar_ms: spec.whatIf.bar, met: median(times) < spec.whatIf.bar });
    }
    await kept.context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
fs.mkdirSync(path.join(root, 'bench/out'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/out/page_bars.jsonl'), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
