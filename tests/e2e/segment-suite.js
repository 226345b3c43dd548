// The segmentation page in the browser, once per way of serving dist/: opened from the home card on the
// shipped Online Retail customers, its answer and cards against the native CLI on the same file and options
// (through data-value, at 1e-9); the number of segments changed (the view and the URL follow, the CLI
// agrees); the assignments export against the CLI's --out; a reload restoring the view; axe-core, no
// request off the origin, no NaN on screen; 390 px without sideways scroll; the simulated world's
// guess-then-reveal showing the ARI with the true segments, as the CLI computes it. Short on purpose (CI).
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RETAIL as RETAIL_DATA } from '../../web/src/segment/datasets.js';
import { plainName } from '../../web/src/segment/names.js';
import { axeViolations, dist, firstScreen, launchBrowser, offOriginRequests, openPage, root } from './support.js';

const TIMEOUT = 30_000;
// The page shows the segments first, then their stability and curves: the view is complete when this holds.
const DONE = '#answer[data-complete="true"] .value';
const CLI = path.join(root, 'build/native/incrementa');
const CUSTOMERS = path.join(root, 'data/online-retail/customers.csv');
// The page's defaults: log scaling on the retail data (value = monetary), 4 factors, 5 segments, 20 resamples,
// seed 1; the simulated world with 2,000 customers of 5 kinds, separation 1, seed 1, scaled 0 to 1.
// The page names the features (the money column too: the core would leave it out by default); on the retail
// data its default is the six behaviour columns.
const RETAIL_FEATURES = ['recency_days', 'frequency', 'monetary', 'basket_size', 'return_rate', 'tenure_days'];
const SIM_FEATURES = Array.from({ length: 12 }, (_, i) => `f${i + 1}`);
const RETAIL = ['--features', RETAIL_FEATURES.join(','), '--scaling', 'log_minmax', '--factors', '4', '--bootstrap', '20', '--seed', '1', '--value', 'monetary'];
const SIM = ['--features', SIM_FEATURES.join(','), '--scaling', 'minmax', '--factors', '4', '--clusters', '5', '--bootstrap', '20', '--seed', '1', '--cate', 'cate', '--treatment', 'treatment', '--outcome', 'outcome'];

/** The CLI's answers, started at once and awaited where needed (they run while the browser works). */
function native(dir, parts) {
  const run = promisify(execFile);
  const segment = (args) => {
    const p = run(CLI, ['segment', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 }).then(({ stdout }) => JSON.parse(stdout));
    p.catch(() => {}); // reported where it is awaited
    return p;
  };
  const world = path.join(dir, 'segments.csv');
  execFileSync(CLI, ['simulate', 'segments', '--rows', '2000', '--seed', '1', '--clusters', '5', '--separation', '1', '--out', world]);
  const four = path.join(dir, 'four.csv');
  return {
    four,
    world,
    retail5: parts.includes('retail') ? segment(['--data', CUSTOMERS, ...RETAIL, '--clusters', '5']) : null,
    retail4: parts.includes('retail') ? segment(['--data', CUSTOMERS, ...RETAIL, '--clusters', '4', '--out', four]) : null,
    sim: parts.includes('sim') ? segment(['--data', world, ...SIM]) : null,
  };
}

const close = (a, b, what) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: page ${a}, CLI ${b}`);
const exact = async (page, selector) => Number(await page.locator(selector).first().getAttribute('data-value'));
const updates = (page) => page.evaluate(() => Number(document.getElementById('answer').dataset.updates ?? 0));
const text = async (page, selector) => (await page.locator(selector).first().textContent()).replace(/\s+/g, ' ').trim();

/** The first screen's numbers (exact values) against a CLI result; `first`: only the segments' own numbers
 *  (what the page shows before the resamples are done). */
async function assertAnswer(page, ref, what, { first = false, words = RETAIL_DATA.words } = {}) {
  assert.equal(await exact(page, '#answer [data-kind="segments"]'), ref.segments.length, `${what}: segments`);
  close(await exact(page, '#answer [data-kind="largest-share"]'), ref.segments[0].share, `${what}: largest share`);
  if (ref.segments[0].value_share != null) close(await exact(page, '#answer [data-kind="largest-value-share"]'), ref.segments[0].value_share, `${what}: largest value share`);
  close(await exact(page, '#cards [data-kind="silhouette"] .big .value'), ref.clusters.silhouette, `${what}: silhouette`);
  // The core's name in the dataset's words (the retail data: "not bought for a while · buys rarely").
  const name = plainName(ref.segments[0].name, words);
  if (words) assert.notEqual(name, ref.segments[0].name, `${what}: the name is put in words`);
  assert.ok((await text(page, '#answer')).includes(`“${name}”`), `${what}: the largest segment's name (“${name}”)`);
  if (first) return;
  assert.equal(await exact(page, '#answer [data-kind="stable"]'), ref.segments.filter((s) => s.stable).length, `${what}: stable segments`);
  close(await exact(page, '#cards [data-kind="ari"] .big .value'), ref.stability.ari_mean, `${what}: ARI`);
}

async function noNaN(page) {
  const body = await page.locator('main').textContent();
  assert.ok(!/\bNaN\b|undefined|Infinity/.test(body), 'no NaN, undefined or Infinity on screen');
}

/**
 * @param {{label: string, startServer: () => Promise<{origin, close}>, variant: string, parts?: string[]}} mode
 * parts: which tests to run ('retail', 'sim'); CI time is tight, so the threaded build runs only the simulated world.
 */
export function segmentSuite({ label, startServer, variant, parts = ['retail', 'sim'] }) {
  describe(`Segment page, ${label}`, () => {
    let server;
    let browser;
    let dir;
    let cli;

    before(async () => {
      for (const f of ['segment.html', 'data/online-retail-customers.csv']) if (!fs.existsSync(path.join(dist, f))) throw new Error(`dist/${f} is missing: run scripts/build-wasm.sh and npm run build first`);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incrementa-segment-'));
      cli = native(dir, parts);
      server = await startServer();
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await server?.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it(`answers on the Online Retail customers like the CLI, follows the number of segments, restores from the URL (WASM ${variant})`, { skip: !parts.includes('retail') }, async () => {
      const { context, page, requests, errors } = await openPage(browser);
      await page.goto(`${server.origin}/index.html`);
      await page.click('#card-segment');
      await page.waitForURL(/segment\.html/);
      await page.waitForSelector(DONE, { timeout: TIMEOUT });
      await page.waitForSelector(`#engine-status[data-variant="${variant}"]`);
      const five = await cli.retail5;
      await assertAnswer(page, five, 'default view');
      assert.match(await text(page, '#answer'), /^We have 5 kinds of customers; the largest, “[^”]+”, is \d+(\.\d)?% of customers and \d+(\.\d)?% of revenue(, the most valuable, “[^”]+”, \d+(\.\d)?% of customers and \d+(\.\d)?% of revenue)?; \d of 5 segments (is|are) stable\.$/);
      assert.ok((await text(page, '#citation-retail')).includes('UCI Machine Learning Repository'), 'the data source is cited');
      assert.ok((await page.locator('#citation-retail-full').textContent()).includes('10.24432/C5BW33'), 'with its DOI under Details');

      // The first screen at 1280×800: the answer, a chart, no number over 4 significant digits.
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.waitForSelector('#chart svg');
      await page.waitForSelector('#step-5 .reading .value, #step-5 .reading:not(:empty)');
      const first = await firstScreen(page);
      assert.ok(first.answer.length > 40, `answer on the first screen: ${first.answer}`);
      assert.ok(first.charts >= 1, 'a chart on the first screen');
      assert.deepEqual(first.tooLong, [], 'no number with more than 4 significant digits on the first screen');
      for (const id of ['step-2', 'step-3', 'step-4']) assert.ok(await page.locator(`#${id} .step-chart svg`).count(), `${id} has its chart`);
      await noNaN(page);
      assert.deepEqual(await axeViolations(page), []);

      // The one control: 4 segments. The view follows, the URL says so, the CLI agrees.
      const n = await updates(page);
      await page.fill('#clusters', '4');
      await page.press('#clusters', 'Enter');
      await page.waitForFunction((k) => Number(document.getElementById('answer').dataset.updates) > k + 1 && document.getElementById('answer').dataset.complete === 'true', n, { timeout: TIMEOUT });
      const four = await cli.retail4;
      await assertAnswer(page, four, '4 segments');
      assert.equal(new URL(page.url()).searchParams.get('clusters'), '4');
      await page.waitForFunction(() => document.querySelectorAll('#segment-table tbody tr').length === 4);
      await noNaN(page);

      // The export: every customer's segment and factor scores at full precision, as the CLI's --out.
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
      const exported = fs.readFileSync(await download.path(), 'utf8').trim().split('\n');
      const expected = fs.readFileSync(cli.four, 'utf8').trim().split('\n');
      assert.equal(exported.length, expected.length, 'one row per customer');
      assert.deepEqual(exported[0].split(','), expected[0].split(','), 'the same columns');
      for (const i of [1, 2, 1000, expected.length - 1]) {
        const a = exported[i].split(',');
        const b = expected[i].split(',');
        assert.equal(a[0], b[0], `row ${i}: id`);
        assert.equal(Number(a[1]), Number(b[1]), `row ${i}: segment`);
        for (let j = 2; j < b.length; j++) close(Number(a[j]), Number(b[j]), `row ${i}: ${expected[0].split(',')[j]}`);
      }

      // Bad input: the core's message, and the view stays as it was.
      const before = await text(page, '#answer');
      await page.fill('#factors', '99');
      await page.press('#factors', 'Enter');
      await page.waitForSelector('#message[data-kind="error"]:not([hidden])', { timeout: TIMEOUT });
      assert.match(await text(page, '#message'), /factor/i);
      assert.equal(await text(page, '#answer'), before, 'the last answer stays');

      // A reload restores the view from the URL (the failed run never reached it): its first numbers say so.
      await page.reload();
      await page.waitForSelector('#answer[data-updates] .value', { timeout: TIMEOUT });
      await assertAnswer(page, four, 'reloaded', { first: true });
      assert.equal(await page.inputValue('#clusters'), '4');
      assert.deepEqual(offOriginRequests(requests, server.origin), []);
      assert.deepEqual(errors, []);
      await context.close();
    });

    it(`a user's CSV: its roles guessed, its segments as the CLI; Cancel during a long bootstrap keeps the view (WASM ${variant})`, { skip: !(parts.includes('retail') && parts.includes('sim')) }, async () => {
      // The simulated world's CSV opened as the user's own file: the page guesses the id, the model's estimate
      // and the test's columns, ticks f1 .. f12 and scales 0 to 1 — the CLI's run on the same file.
      const { context, page, requests, errors } = await openPage(browser);
      await page.goto(`${server.origin}/segment.html`);
      await page.waitForSelector(DONE, { timeout: TIMEOUT });
      await page.setInputFiles('#file', { name: 'my-customers.csv', mimeType: 'text/csv', buffer: fs.readFileSync(cli.world) });
      await page.waitForFunction(() => /my-customers/.test(document.getElementById('results')?.textContent ?? '') && document.getElementById('answer').dataset.complete === 'true', null, { timeout: TIMEOUT });
      assert.equal(await page.inputValue('#id-col'), 'customer_id');
      assert.equal(await page.inputValue('#cate-col'), 'cate');
      assert.equal(await page.inputValue('#treatment-col'), 'treatment');
      const ticked = await page.$$eval('#features input:checked', (boxes) => boxes.map((b) => b.value));
      assert.deepEqual(ticked, SIM_FEATURES);
      await assertAnswer(page, await cli.sim, 'your CSV', { words: null });
      assert.equal(new URL(page.url()).searchParams.get('data'), 'local', 'the link says a local file was used, never which');
      // Cancel during a long bootstrap: a message, the answer stays, the next run works without re-opening the file.
      const shown = await text(page, '#answer');
      await page.fill('#bootstrap', '400');
      await page.press('#bootstrap', 'Enter');
      await page.waitForFunction(() => document.getElementById('answer').dataset.complete === 'false' || /resampl|stabil|bootstrap/i.test(document.getElementById('progress-text')?.textContent ?? ''), null, { timeout: TIMEOUT });
      await page.click('#cancel');
      await page.waitForSelector('#message[data-kind="info"]:not([hidden])', { timeout: TIMEOUT });
      assert.match(await text(page, '#message'), /Cancelled/);
      await page.waitForFunction(() => document.getElementById('answer').dataset.complete === 'true', null, { timeout: TIMEOUT });
      assert.equal(await text(page, '#answer'), shown, 'the last answer stays');
      await page.fill('#bootstrap', '20');
      await page.press('#bootstrap', 'Enter');
      await page.waitForFunction((u) => Number(document.getElementById('answer').dataset.updates) > u && document.getElementById('answer').dataset.complete === 'true', await updates(page), { timeout: TIMEOUT });
      await page.waitForSelector(DONE, { timeout: TIMEOUT });
      await assertAnswer(page, await cli.sim, 'your CSV after the cancel', { words: null });
      await noNaN(page);
      assert.deepEqual(offOriginRequests(requests, server.origin), []);
      assert.deepEqual(errors, []);
      await context.close();
    });

    it(`reveals the simulated world’s true segments after a guess: the ARI as the CLI computes it (WASM ${variant})`, { skip: !parts.includes('sim') }, async () => {
      // At a phone's width: no sideways scroll, the answer within 1.5 screens.
      const { context, page, requests, errors } = await openPage(browser);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${server.origin}/segment.html?data=sim`);
      await page.waitForSelector(DONE, { timeout: TIMEOUT });
      await page.waitForSelector('#step-5 .step-chart svg', { timeout: TIMEOUT });
      const layout = await page.evaluate(() => ({ overflow: document.documentElement.scrollWidth - window.innerWidth, answerTop: document.getElementById('answer').getBoundingClientRect().top / window.innerHeight }));
      assert.ok(layout.overflow <= 0, `no sideways scroll at 390 px (overflow ${layout.overflow} px)`);
      assert.ok(layout.answerTop < 1.5, `the answer starts within 1.5 screens (${layout.answerTop})`);
      const ref = await cli.sim;
      await assertAnswer(page, ref, 'simulated world', { words: null });
      close(await exact(page, '#answer [data-kind="kept"]'), ref.uplift.policy_value.by_segment / ref.uplift.policy_value.by_customer, 'value kept by segment targeting');
      close(await exact(page, '#cards [data-kind="loss"] .big .value'), ref.uplift.segment_targeting_loss, 'segment targeting loss');
      await page.waitForSelector('#guess:not([hidden])');
      assert.equal(await page.locator('[data-kind="true-ari"]').count(), 0, 'the truth stays hidden until revealed');
      await page.fill('#guess-kinds', '4');
      await page.press('#guess-kinds', 'Tab');
      await page.click('#reveal');
      await page.waitForSelector('#guess-result [data-kind="true-ari"]');
      close(await exact(page, '#guess-result [data-kind="true-ari"]'), ref.truth.ari, 'ARI with the true segments');
      assert.equal(await exact(page, '#guess-result [data-kind="true-kinds"]'), 5);
      assert.match(await text(page, '#guess-result'), /you guessed 4/);
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('truth'), '1');
      assert.equal(url.searchParams.get('guess'), '4');
      assert.ok(await page.locator('#step-5 .step-chart svg').count(), 'segments × uplift chart');
      await noNaN(page);
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(offOriginRequests(requests, server.origin), []);
      assert.deepEqual(errors, []);
      await context.close();
    });
  });
}
