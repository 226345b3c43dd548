// The marketing-mix page in the browser, once per way of serving dist/: opened from the home card on the
// PyMC-Marketing example, its answer, cards and steps against the native CLI on the same file and options
// (through data-value, at 1e-9); the budget what-if answering in the page (< 100 ms, no worker round trip)
// with the JS reallocation within 0.5% of the core's; the decomposition export against the CLI's --out;
// Cancel during a long bootstrap and a CSV with a negative spend, both keeping the last results; axe-core,
// no request off the origin; at 390 px no sideways scroll, and the simulated world's guess-then-reveal
// against its true_ columns as the CLI writes them. Steps 6 and 7: the causal graph and the adjustment sets
// against `mmm discover`, requiring, reversing and forbidding an edge (the sentence says what changed; a cycle
// shows the core's message naming it and keeps the graph), the augmentation against `mmm augment`. Short on
// purpose (CI).
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { axeViolations, dist, firstScreen, launchBrowser, offOriginRequests, openPage, root } from './support.js';

const TIMEOUT = 30_000;
const DONE = '#answer[data-complete="true"] .value';
const CLI = path.join(root, 'build/native/incrementa');
const PYMC = path.join(root, 'data/mmm-pymc-example/mmm_example.csv');
// The page's defaults: the PyMC example's roles, geometric adstock, logistic saturation, 200 refits, seed 1;
// the simulated world with 156 weeks, 3 channels, seed 1.
const PYMC_ARGS = ['--data', PYMC, '--kpi', 'y', '--date', 'date_week', '--channels', 'x1,x2', '--controls', 'event_1,event_2', '--seed', '1'];

function native(dir, parts) {
  const run = promisify(execFile);
  const mmm = (args) => {
    const p = run(CLI, ['mmm', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 }).then(({ stdout }) => JSON.parse(stdout));
    p.catch(() => {}); // reported where it is awaited
    return p;
  };
  const world = path.join(dir, 'world.csv');
  const out = path.join(dir, 'decomposition.csv');
  if (parts.includes('sim')) execFileSync(CLI, ['simulate', 'mmm', '--seed', '1', '--out', world]);
  return {
    world,
    out,
    pymc: parts.includes('pymc') ? mmm(['fit', ...PYMC_ARGS, '--bootstrap', '200', '--out', out]) : null,
    cut: parts.includes('pymc') ? mmm(['optimise', ...PYMC_ARGS, '--bootstrap', '0', '--change', '-20']) /* the fit does not depend on the refits */ : null,
    sim: parts.includes('sim') ? mmm(['fit', '--data', world, '--kpi', 'sales', '--date', 'week', '--channels', 'tv,search,social', '--controls', 'promo', '--bootstrap', '200', '--seed', '1']) : null,
    // Step 6's graph (the page's default expert edges: sales do not cause spend) and step 7's augmentation.
    discover: (required = '', forbidden = 'y->x1,y->x2') => mmm(['discover', '--data', PYMC, '--columns', 'y,x1,x2,event_1,event_2', '--outcome', 'y', '--treatments', 'x1,x2', ...(required ? ['--required', required] : []), ...(forbidden ? ['--forbidden', forbidden] : [])]),
    augment: (edges) => mmm(['augment', '--data', PYMC, '--target', 'y', '--features', 'x1,x2,event_1,event_2', '--edges', edges, '--theta', '1e-8', '--thetas', '0,1e-8,1e-6,1e-4', '--max-points', '5000', '--seed', '1']),
  };
}

const close = (a, b, what, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: page ${a}, CLI ${b}`);
const exact = async (page, selector) => Number(await page.locator(selector).first().getAttribute('data-value'));
const text = async (page, selector) => (await page.locator(selector).first().textContent()).replace(/\s+/g, ' ').trim();
const readCsv = (s) => s.trim().split('\n').map((l) => l.split(','));
const edgeSet = (edges) => edges.map((e) => `${e.from}${e.directed ? '->' : '--'}${e.to}`).sort();
const pageEdges = (page) => page.$$eval('#edge-list li[data-from]', (lis) => lis.map((li) => ({ from: li.dataset.from, to: li.dataset.to, directed: li.dataset.directed === 'true' })));
const pageSets = (page) => page.$$eval('#step-6 .adjust', (spans) => Object.fromEntries(spans.map((s) => [s.dataset.treatment, s.dataset.set])));
const cliSets = (ref) => Object.fromEntries(ref.adjustment.map((a) => [a.treatment, a.set.join(',')]));

/** Step 7's numbers against the CLI's `mmm augment` on the page's options. */
async function assertAugment(page, ref, what) {
  close(await exact(page, '#step-7 [data-kind="rmse-without"]'), ref.rmse_without, `${what}: RMSE without`);
  close(await exact(page, '#step-7 [data-kind="rmse-with"]'), ref.rmse_with, `${what}: RMSE with`);
  close(await exact(page, '#step-7 [data-kind="improvement"]'), ref.improvement, `${what}: improvement`);
  for (const [i, s] of ref.sweep.entries()) close(await exact(page, `#step-7 [data-kind="sweep-${i}"]`), s.rmse_with, `${what}: sweep θ = ${s.theta}`);
  assert.equal(await text(page, '#step-7 [data-kind="verdict"]'), ref.verdict);
}

/** Picks an edge in step 6's selects and presses a button; waits for the sentence that says what changed. */
async function edit(page, from, to, button) {
  const before = await page.evaluate(() => document.getElementById('step-6').querySelector('.reading').dataset.updates);
  await page.selectOption('#edge-from', from);
  await page.selectOption('#edge-to', to);
  await page.click(`#edge-${button}`);
  await page.waitForFunction((u) => document.querySelector('#step-6 .reading').dataset.updates !== u || document.getElementById('graph-message').dataset.error === 'true', before, { timeout: TIMEOUT });
}

async function assertAnswer(page, ref, what) {
  close(await exact(page, '#answer [data-kind="media-kpi"]'), ref.media_kpi, `${what}: media KPI`);
  const total = ref.decomposition.kpi.reduce((s, x) => s + x, 0);
  close(await exact(page, '#answer [data-kind="media-share"]'), ref.media_kpi / total, `${what}: media share`);
  for (const [i, c] of ref.channels.entries()) {
    close(await exact(page, `#answer [data-kind="roi-${i}"]`), c.roi, `${what}: ${c.name} ROI`);
    close(await exact(page, `#cards [data-kind="channel-${i}"] .big .value`), c.roi, `${what}: ${c.name} card`);
  }
}

/** Sets the budget box as a person does; the ms to the answer's update and whether it changed synchronously. */
async function whatIf(page, value) {
  const { t0, before, sync } = await page.evaluate((value) => {
    const answer = document.getElementById('answer');
    const box = document.getElementById('budget');
    const before = Number(answer.dataset.updates);
    const t0 = performance.now();
    box.value = String(value);
    box.dispatchEvent(new Event('change', { bubbles: true }));
    return { t0, before, sync: Number(answer.dataset.updates) > before };
  }, value);
  await page.waitForFunction((u) => Number(document.getElementById('answer').dataset.updates) > u, before);
  return { ms: (await page.evaluate(() => Number(document.getElementById('answer').dataset.updatedAt))) - t0, sync };
}

/**
 * @param {{label: string, startServer: () => Promise<{origin, close}>, variant: string, parts?: string[]}} mode
 * parts: which tests to run ('pymc', 'sim'); CI time is tight, so the threaded build runs only the simulated world.
 */
export function mmmSuite({ label, startServer, variant, parts = ['pymc', 'sim'] }) {
  describe(`Marketing mix page, ${label}`, () => {
    let server;
    let browser;
    let dir;
    let cli;

    before(async () => {
      for (const f of ['mmm.html', 'data/mmm-pymc-example.csv']) if (!fs.existsSync(path.join(dist, f))) throw new Error(`dist/${f} is missing: run scripts/build-wasm.sh and npm run build first`);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incrementa-mmm-'));
      cli = native(dir, parts);
      server = await startServer();
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await server?.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it(`answers on the PyMC example like the CLI, re-splits the budget in the page, exports, cancels and rejects a negative spend (WASM ${variant})`, { skip: !parts.includes('pymc') }, async () => {
      const { context, page, requests, errors } = await openPage(browser);
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`${server.origin}/index.html`);
      const t0 = Date.now();
      await page.click('#card-mmm');
      await page.waitForURL(/mmm\.html/);
      await page.waitForSelector('#answer[data-updates] .value', { timeout: TIMEOUT });
      const firstMs = await page.evaluate(() => Number(document.getElementById('answer').dataset.updatedAt));
      await page.waitForSelector(DONE, { timeout: TIMEOUT });
      console.log(`mmm: first answer ${Math.round(firstMs)} ms after navigation, complete after ${Date.now() - t0} ms (${variant})`);
      await page.waitForSelector(`#engine-status[data-variant="${variant}"]`);
      const ref = await cli.pymc;
      await assertAnswer(page, ref, 'PyMC example');
      assert.match(await text(page, '#answer'), /^Over 179 weeks, media brought [\d,.]+ of the [\d,.]+ (million )?sales \(\d+(\.\d)?%\); x1 returns [\d,]+ sales per unit of spend and x2 [\d,]+\. Moving [\d.]+ units of spend from x2 to x1 would add about [\d,]+ sales \(\+\d+(\.\d)?% on what media brings\) at the same total\.$/);
      assert.match(await text(page, '#citation'), /PyMC-Marketing.*Apache-2\.0/);
      for (const id of ['citation-robyn-full', 'citation-meridian-full']) assert.match(await page.locator(`#${id}`).textContent(), /MIT|Apache-2\.0/);

      // The first screen at 1280×800: the answer, a chart, no number over 4 significant digits.
      await page.waitForSelector('#chart svg');
      await page.waitForSelector('#step-5 .step-chart svg');
      const first = await firstScreen(page);
      assert.ok(first.answer.length > 40, `answer on the first screen: ${first.answer}`);
      assert.ok(first.charts >= 1, 'a chart on the first screen');
      assert.deepEqual(first.tooLong, [], 'no number with more than 4 significant digits on the first screen');
      for (const id of ['step-1', 'step-2', 'step-3', 'step-4']) assert.ok(await page.locator(`#${id} .step-chart svg`).count(), `${id} has its chart`);
      for (const c of ref.channels) {
        close(await exact(page, `#step-4 [data-kind="roi-${c.name}"]`), c.roi, `step 4: ${c.name} ROI`);
        close(await exact(page, `#step-3 [data-kind="mroi-${c.name}"]`), c.mroi, `step 3: ${c.name} marginal ROI`);
      }
      assert.match(await text(page, '#step-2 .reading'), /a week's x1 keeps working for about \d+ weeks?/);
      assert.deepEqual(await axeViolations(page), []);

      // The JS reallocation at the spent total: the core's kpi_new within 0.5%.
      const gain = await exact(page, '#answer [data-kind="gain"]');
      const js = ref.media_kpi + gain;
      assert.ok(Math.abs(js - ref.allocation.kpi_new) <= 0.005 * ref.allocation.kpi_new, `same total: page ${js}, core ${ref.allocation.kpi_new}`);

      // The one control: 20% less budget. The answer follows at once (no worker round trip), within 100 ms.
      const workerRequests = requests.length;
      const cut = await whatIf(page, 80);
      console.log(`mmm budget what-if: ${cut.ms.toFixed(1)} ms (${variant})`);
      assert.ok(cut.sync, 'the answer changed before the event returned: no refit');
      assert.ok(cut.ms < 100, `the what-if took ${cut.ms} ms`);
      assert.equal(requests.length, workerRequests, 'no request for the what-if');
      const core = (await cli.cut).allocation;
      const planKpi = await exact(page, '#answer [data-kind="plan-kpi"]');
      assert.ok(Math.abs(planKpi - core.kpi_new) <= 0.005 * core.kpi_new, `−20%: page ${planKpi}, core ${core.kpi_new}`);
      close(await exact(page, '#answer [data-kind="total"]'), core.total, '−20%: the total');
      assert.match(await text(page, '#answer'), /With 20% less budget \(67\.4 units of spend\), the best split would bring [\d,]+ sales from media: −[\d,]+ sales/);
      assert.equal(new URL(page.url()).searchParams.get('budget'), '-20');
      await page.click('#budget-field button[data-preset="0"]');
      await page.waitForFunction(() => /at the same total/.test(document.getElementById('answer').textContent));

      // Moving budget by hand: x1 at 120%, x2 at 60%: the curves' sum, in the page.
      await page.fill('#move-0', '120');
      await page.fill('#move-1', '60');
      await page.press('#move-1', 'Tab');
      await page.waitForSelector('#step-5 [data-kind="mine-kpi"]');
      const mine = await exact(page, '#step-5 [data-kind="mine-kpi"]');
      assert.ok(mine > 0 && Math.abs(mine - ref.media_kpi) > 1, `your split: ${mine}`);

      // The export: the decomposition at full precision, as the CLI's --out.
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
      const exported = readCsv(fs.readFileSync(await download.path(), 'utf8'));
      const expected = readCsv(fs.readFileSync(cli.out, 'utf8'));
      assert.deepEqual(exported[0], expected[0], 'the same columns');
      assert.equal(exported.length, expected.length, 'one row per week');
      for (const i of [1, 2, 90, expected.length - 1]) {
        assert.equal(exported[i][0], expected[i][0], `row ${i}: week`);
        for (let j = 1; j < expected[0].length; j++) close(Number(exported[i][j]), Number(expected[i][j]), `row ${i}: ${expected[0][j]}`);
      }

      // Step 6, after the answer: the causal graph and the adjustment sets as the CLI's `mmm discover`.
      const tGraph = Date.now();
      await page.locator('#step-6').scrollIntoViewIfNeeded();
      await page.waitForSelector('#step-6 svg.causal-graph', { timeout: TIMEOUT });
      const graph0 = await cli.discover();
      assert.deepEqual(edgeSet(await pageEdges(page)), edgeSet(graph0.edges), 'the graph as the CLI');
      assert.deepEqual(await pageSets(page), cliSets(graph0), 'the adjustment sets as the CLI');
      assert.match(await text(page, '#step-6 .adjust-list'), /To read x1's effect on sales: nothing to hold fixed\./);
      assert.match(await page.locator('#step-6 svg.causal-graph desc').textContent(), /x1 → sales/);

      // Step 7, once near the screen: the augmentation along the graph as the CLI's `mmm augment`.
      await page.locator('#step-7').scrollIntoViewIfNeeded();
      await page.waitForSelector('#step-7 [data-kind="rmse-with"]', { timeout: TIMEOUT });
      const dagEdges = (g) => g.adjustment_dag.edges.map((e) => `${e.from}->${e.to}`).join(',');
      assert.deepEqual(JSON.parse(await page.locator('#step-7').getAttribute('data-options')).edges.map((e) => e.join('->')).join(','), dagEdges(graph0));
      await assertAugment(page, await cli.augment(dagEdges(graph0)), 'augmentation');

      // Require x1 → x2: discovery reruns and one sentence says what changed; the URL keeps it.
      await edit(page, 'x1', 'x2', 'require');
      assert.equal(await text(page, '#graph-change'), "Now x1 → x2 is required; the graph gained x1 → x2; x2's adjustment set became {x1}.");
      const graph1 = await cli.discover('x1->x2');
      assert.deepEqual(edgeSet(await pageEdges(page)), edgeSet(graph1.edges), 'x1 → x2 required: the graph as the CLI');
      assert.deepEqual(await pageSets(page), cliSets(graph1));
      assert.match(await text(page, '#step-6 .adjust-list'), /To read x2's effect on sales, hold x1 fixed\./);
      assert.equal(new URL(page.url()).searchParams.get('req'), 'x1>x2');
      // Reverse it, then require x1 → x2 again: a cycle; the core's message names it and the graph stays.
      await edit(page, 'x1', 'x2', 'reverse');
      assert.match(await text(page, '#graph-change'), /^Now x2 → x1 is required \(x1 → x2 reversed\); x1 → x2 became x2 → x1; x1's adjustment set became \{x2\}; x2's adjustment set became nothing\.$/);
      const reversed = edgeSet(await pageEdges(page));
      await edit(page, 'x1', 'x2', 'require');
      assert.match(await text(page, '#graph-message'), /cycle: (x1 → x2 → x1|x2 → x1 → x2)/);
      assert.match(await text(page, '#graph-message'), /previous graph is kept/);
      assert.deepEqual(edgeSet(await pageEdges(page)), reversed, 'the previous graph stays');
      assert.equal(new URL(page.url()).searchParams.get('req'), 'x2>x1');
      // Forbid x2 → x1: the data alone drop the pair again.
      await edit(page, 'x2', 'x1', 'forbid');
      assert.equal(await text(page, '#graph-change'), "Now x2 → x1 is forbidden; x2 → x1 is gone; x1's adjustment set became nothing.");
      assert.deepEqual(edgeSet(await pageEdges(page)), edgeSet((await cli.discover('', 'y->x1,y->x2,x2->x1')).edges));
      assert.equal(new URL(page.url()).searchParams.get('forb'), 'y>x1,y>x2,x2>x1');
      await page.waitForFunction(() => !document.getElementById('step-7').dataset.busy, null, { timeout: TIMEOUT });
      // The model follows the graph: the fit is rerun with its edges and says what the graph changed.
      await page.check('#fit-follows');
      await page.waitForFunction(() => /The model follows the graph/.test(document.getElementById('graph-fit').textContent), null, { timeout: TIMEOUT });
      assert.match(await text(page, '#graph-fit'), /keeps every control, and no channel drives another/);
      await page.uncheck('#fit-follows');
      await page.waitForFunction(() => document.getElementById('graph-fit').textContent === '', null, { timeout: TIMEOUT });
      assert.deepEqual(await axeViolations(page), []);
      console.log(`mmm graph and augmentation checks: ${Date.now() - tGraph} ms (${variant})`);

      // Cancel during a long bootstrap: a message, and the last results stay.
      const shownAnswer = await text(page, '#answer');
      await page.fill('#bootstrap', '3000');
      await page.press('#bootstrap', 'Enter');
      await page.waitForFunction(() => /bootstrap/i.test(document.querySelector('#progress-text')?.textContent ?? ''), null, { timeout: TIMEOUT });
      await page.click('#cancel');
      await page.waitForSelector('#message[data-kind="info"]:not([hidden])', { timeout: TIMEOUT });
      assert.match(await text(page, '#message'), /Cancelled/);
      await page.waitForFunction(() => document.getElementById('answer').dataset.complete === 'true');
      assert.equal(await text(page, '#answer'), shownAnswer, 'the last answer stays');
      await page.fill('#bootstrap', '200');

      // A CSV with a negative spend: the core's message names the line and the column; the view stays.
      const csv = fs.readFileSync(PYMC, 'utf8').replace(/\n2018-04-16,([^,]+),[^,]+,/, '\n2018-04-16,$1,-1,');
      await page.setInputFiles('#file', { name: 'edited.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.waitForSelector('#message[data-kind="error"]:not([hidden])', { timeout: TIMEOUT });
      assert.match(await text(page, '#message'), /edited\.csv, line 4, column 'x1'.*negative/);
      assert.equal(await text(page, '#answer'), shownAnswer, 'the last answer stays');
      await assertAnswer(page, ref, 'after the bad file');
      assert.deepEqual(offOriginRequests(requests, server.origin), []);
      assert.deepEqual(errors, []);
      await context.close();
    });

    it(`reveals the simulated world’s true returns after a guess, as its true_ columns say; fits 390 px (WASM ${variant})`, { skip: !parts.includes('sim') }, async () => {
      const { context, page, requests, errors } = await openPage(browser);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${server.origin}/mmm.html?data=sim`);
      await page.waitForSelector(DONE, { timeout: TIMEOUT });
      await page.waitForSelector('#step-5 .step-chart svg', { timeout: TIMEOUT });
      const layout = await page.evaluate(() => ({ overflow: document.documentElement.scrollWidth - window.innerWidth, answerTop: document.getElementById('answer').getBoundingClientRect().top / window.innerHeight }));
      assert.ok(layout.overflow <= 0, `no sideways scroll at 390 px (overflow ${layout.overflow} px)`);
      assert.ok(layout.answerTop < 1.5, `the answer starts within 1.5 screens (${layout.answerTop})`);
      const ref = await cli.sim;
      await assertAnswer(page, ref, 'simulated world');
      // Steps 6 and 7 at 390 px: the graph and the augmentation fit the width too.
      await page.locator('#step-7').scrollIntoViewIfNeeded();
      await page.waitForSelector('#step-6 svg.causal-graph', { timeout: TIMEOUT });
      await page.waitForSelector('#step-7 [data-kind="rmse-with"]', { timeout: TIMEOUT });
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(wide <= 0, `steps 6 and 7: no sideways scroll at 390 px (overflow ${wide} px)`);

      // The truth from the CLI's world: Σ true_c / Σ spend_c per channel.
      const rows = readCsv(fs.readFileSync(cli.world, 'utf8'));
      const col = (name) => rows.slice(1).map((r) => Number(r[rows[0].indexOf(name)]));
      const sum = (xs) => xs.reduce((s, x) => s + x, 0);
      const trueRoi = Object.fromEntries(['tv', 'search', 'social'].map((c) => [c, sum(col(`true_${c}`)) / sum(col(c))]));
      const best = Object.entries(trueRoi).sort((a, b) => b[1] - a[1])[0];
      await page.waitForSelector('#guess:not([hidden])');
      assert.equal(await page.locator('[data-kind^="true-roi"]').count(), 0, 'the truth stays hidden until revealed');
      await page.selectOption('#guess-channel', 'search');
      await page.click('#reveal');
      await page.waitForSelector('#guess-result [data-kind="true-best-roi"]');
      for (const [c, roi] of Object.entries(trueRoi)) close(await exact(page, `#guess-result [data-kind="true-roi-${c}"]`), roi, `true ROI of ${c}`);
      close(await exact(page, '#guess-result [data-kind="true-best-roi"]'), best[1], 'the best true ROI');
      assert.match(await text(page, '#guess-result'), best[0] === 'search' ? /you guessed it/ : /you guessed search/);
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('truth'), '1');
      assert.equal(url.searchParams.get('guess'), 'search');
      assert.equal(url.searchParams.get('data'), 'sim');
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(offOriginRequests(requests, server.origin), []);
      assert.deepEqual(errors, []);
      await context.close();
    });
  });
}
