// Where a page's cold load goes: resource fetch ends, the engine's ready moment and the first answer,
// in ms since navigation. Usage: node tests/e2e/tools/cold-profile.mjs /uplift.html [runs]
import { launchBrowser, startPreview } from '../support.js';

const pathname = process.argv[2] ?? '/uplift.html';
const runs = Number(process.argv[3] ?? 3);
const server = await startPreview();
const browser = await launchBrowser();
try {
  for (let r = 0; r < runs; r++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      const marks = (window.__marks = {});
      new MutationObserver(() => {
        const s = document.getElementById('engine-status');
        if (s?.dataset.state === 'ready' && !marks.engineReady) marks.engineReady = performance.now();
        const a = document.getElementById('answer');
        if (a?.dataset.updates && !marks.answer) marks.answer = Number(a.dataset.updatedAt);
      }).observe(document, { subtree: true, attributes: true, childList: true });
    });
    await page.goto(`${server.origin}${pathname}`);
    await page.waitForSelector('#answer[data-updates]', { timeout: 60000 });
    const out = await page.evaluate(() => ({
      marks: window.__marks,
      resources: performance.getEntriesByType('resource').map((e) => [e.name.replace(location.origin, ''), Math.round(e.startTime), Math.round(e.responseEnd)]),
      dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
    }));
    console.log(`run ${r + 1}: DOMContentLoaded ${Math.round(out.dcl)} ms, engine ready ${Math.round(out.marks.engineReady)} ms, answer ${Math.round(out.marks.answer)} ms`);
    for (const [name, start, end] of out.resources) if (/wasm|data|\.js$/.test(name) && end - start > 20) console.log(`  ${name} ${start}–${end} ms`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
