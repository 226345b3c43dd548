// The A/B page's browser checks, run once per way of serving dist/ (see the *.test.js files): the page
// must pick the WASM variant the headers allow, agree with the native CLI (through data-value, at 1e-9
// relative), answer its question on the first screen, survive bad input, restore its URL state, stay
// on origin, pass axe-core, work at 390 px and run its guess-then-reveal moment in workshop mode.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { axeViolations, checkPrerequisites, firstScreen, launchBrowser, narrowLayout, nativeAbtest, offOriginRequests, openPage } from './support.js';

const TIMEOUT = 30_000;
const COLD_LOAD_MS = 3000;
const OUTCOME_CHANGE_MS = 3000;
const tableCell = (table, arm, kind) => `#${table} tr[data-arm="${arm}"] td[data-kind="${kind}"]`;
const answerValue = (arm, kind) => `#answer .value[data-arm="${arm}"][data-kind="${kind}"]`;

/** Agreement at 1e-9 relative (the page shows rounded text; data-value holds the exact number). */
function close(actual, expected, what) {
  assert.ok(Number.isFinite(actual), `${what}: ${actual} is a number`);
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1e-300, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);
}

/** Waits until the element's data-value is `expected` (the page re-renders after each run); returns it. */
async function waitForValue(page, selector, expected, what = selector) {
  await page.waitForFunction(
    ([sel, x]) => {
      const node = document.querySelector(sel);
      const v = node && Number((node.matches('[data-value]') ? node : node.querySelector('[data-value]'))?.dataset.value);
      return Number.isFinite(v) && Math.abs(v - x) <= 1e-9 * Math.max(1e-300, Math.abs(x));
    },
    [selector, expected],
    { timeout: TIMEOUT },
  ).catch(async (error) => {
    const seen = await page.evaluate((sel) => document.querySelector(sel)?.outerHTML ?? 'missing', selector);
    throw new Error(`${what}: expected ${expected}, page has ${seen} (${error.message})`);
  });
}

/** The exact value of every data-value span under `selector`, in order. */
const valuesOf = (page, selector) => page.locator(`${selector} [data-value]`).evaluateAll((nodes) => nodes.map((n) => Number(n.dataset.value)));

async function selectedValues(page) {
  return page.evaluate(() => ({
    data: document.querySelector('input[name="data"]:checked')?.value,
    arm: document.getElementById('arm').value,
    control: document.getElementById('control').value,
    outcome: document.getElementById('outcome').value,
    covariate: document.getElementById('covariate').value,
    alpha: document.getElementById('alpha').value,
  }));
}

const updates = (page) => page.evaluate(() => Number(document.getElementById('answer').dataset.updates ?? 0));

/** Two significant figures with zeros kept, as the page writes percentage points ("7.0"). */
const pp2 = (x) => (x * 100).toPrecision(2);

/**
 * @param {{label: string, startServer: () => Promise<{origin, close}>, variant: 'simd'|'simd-threads', isolated: boolean}} mode
 */
export function abtestSuite({ label, startServer, variant, isolated }) {
  describe(label, () => {
    let server;
    let browser;
    const reference = nativeAbtest(['--arm', 'segment', '--outcome', 'visit', '--covariate', 'history']);
    const mens = reference.comparisons.find((c) => c.arm === 'Mens E-Mail');
    const womens = reference.comparisons.find((c) => c.arm === 'Womens E-Mail');

    before(async () => {
      checkPrerequisites();
      server = await startServer();
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    /** Opens a page; `finish` asserts no request left the origin and no script error happened. */
    async function open(pathname, viewport) {
      const session = await openPage(browser);
      if (viewport) await session.page.setViewportSize(viewport);
      await session.page.goto(`${server.origin}${pathname}`);
      session.finish = async () => {
        assert.deepEqual(offOriginRequests(session.requests, server.origin), [], 'every request stays on the page origin');
        assert.deepEqual(session.errors, [], 'no uncaught errors in the page');
        await session.context.close();
      };
      return session;
    }

    it('home page explains Incrementa and links the live analyses', async () => {
      const s = await open('/index.html');
      assert.match(await s.page.locator('h1').textContent(), /What changes because we act\?/);
      // A/B, uplift, segments, budget, marketing mix, DCM, Shapley.
      assert.equal(await s.page.locator('.card').count(), 7);
      assert.equal(await s.page.locator('.card.coming').count(), 0);
      assert.equal(await s.page.locator('.card.live').count(), 7);
      await s.page.click('#card-abtest');
      await s.page.waitForURL(/abtest\.html/);
      await waitForValue(s.page, answerValue('Mens E-Mail', 'diff'), mens.diff);
      await s.finish();
    });

    it(`answers on WASM ${variant} in words, matching the native CLI`, async () => {
      const s = await open('/abtest.html');
      const { page } = s;
      await waitForValue(page, answerValue('Mens E-Mail', 'diff'), mens.diff, 'answer: men’s e-mail difference');
      await waitForValue(page, answerValue('Womens E-Mail', 'diff'), womens.diff, 'answer: women’s e-mail difference');
      await waitForValue(page, tableCell('comparisons-table', 'Mens E-Mail', 'diff'), mens.diff);
      await waitForValue(page, tableCell('cuped-table', 'Mens E-Mail', 'diff'), reference.cuped.comparisons[0].diff);
      close(Number(await page.locator(answerValue('Mens E-Mail', 'p')).getAttribute('data-value')), mens.p_value, 'p-value');
      const [lo, hi] = await valuesOf(page, tableCell('comparisons-table', 'Mens E-Mail', 'ci'));
      close(lo, mens.ci[0], 'CI low');
      close(hi, mens.ci[1], 'CI high');
      assert.deepEqual(await selectedValues(page), {
        data: 'hillstrom', arm: 'segment', control: 'No E-Mail', outcome: 'visit', covariate: 'history', alpha: '0.05',
      });

      // The sentence a person can quote: rates, the difference in percentage points with its interval,
      // the p-value as "< 0.001" (the expected text is made from the CLI's numbers).
      const answer = (await page.locator('#answer').textContent()).replace(/\s+/g, ' ');
      const control = reference.arms.find((a) => a.name === 'No E-Mail');
      const mensArm = reference.arms.find((a) => a.name === 'Mens E-Mail');
      assert.ok(answer.includes(`from ${(control.mean * 100).toPrecision(3)}% to ${(mensArm.mean * 100).toPrecision(3)}%`), answer);
      assert.ok(answer.includes(`+${pp2(mens.diff)} percentage points (${pp2(mens.ci[0])} to ${pp2(mens.ci[1])})`), answer);
      assert.ok(mens.p_value < 0.001 && answer.includes('p < 0.001'), answer);
      assert.doesNotMatch(answer, /e-\d|NaN|undefined|null/);

      // The variant the headers allow, reported by the module itself.
      assert.equal(await page.evaluate(() => crossOriginIsolated), isolated);
      await page.waitForSelector('#engine-status[data-state="ready"]');
      const status = (await page.locator('#engine-status').textContent()).trim();
      if (variant === 'simd-threads') {
        const match = status.match(/^WASM simd-threads \((\d+) threads?, cross-origin isolated\)$/);
        assert.ok(match, status);
        assert.ok(Number(match[1]) >= 1);
      } else {
        assert.equal(status, 'WASM simd (single thread; page not cross-origin isolated)');
      }
      assert.equal(await page.locator('#engine-status').getAttribute('data-variant'), variant);
      assert.ok(s.requests.some((url) => url.endsWith(`/wasm/incrementa-${variant}.wasm`)), 'the selected build was fetched');
      const other = variant === 'simd' ? 'simd-threads' : 'simd';
      assert.ok(!s.requests.some((url) => url.endsWith(`/wasm/incrementa-${other}.wasm`)), 'the other build was not fetched');

      // Per-arm table, definitions from the core, citation and licence note.
      await waitForValue(page, tableCell('arms-table', 'No E-Mail', 'mean'), control.mean);
      const text = (await page.locator('body').textContent()).replace(/\s+/g, ' ');
      for (const definition of Object.values(reference.definitions)) assert.ok(text.includes(definition), `shows: ${definition}`);
      assert.match(text, /Kevin Hillstrom/);
      assert.match(text, /free to use with attribution to Kevin Hillstrom \/ MineThatData/);

      // The story chart: a dot per e-mail, with a text alternative. Step 1's balance check agrees with
      // the CLI run on the column measured before the test.
      await page.waitForSelector('#chart svg[role="img"][aria-label]');
      assert.equal(await page.locator('#chart svg circle').count(), 2);
      const balance = nativeAbtest(['--arm', 'segment', '--outcome', 'history']);
      await waitForValue(page, '#step-1 .value[data-arm="No E-Mail"][data-kind="balance-mean"]', balance.arms.find((a) => a.name === 'No E-Mail').mean);
      for (const id of ['step-1', 'step-2', 'step-3', 'step-4']) await page.waitForSelector(`#${id} .step-chart svg`);
      const narrower = 1 - Math.sqrt(1 - reference.cuped.variance_reduction);
      close(Number(await page.locator('#step-4 .value[data-kind="narrower"]').getAttribute('data-value')), narrower, 'CUPED narrowing');

      // CSV export: full-precision numbers, equal to the CLI.
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
      const csv = fs.readFileSync(await download.path(), 'utf8');
      const row = csv.split('\r\n').find((line) => line.startsWith('comparison,Mens E-Mail,'));
      assert.ok(row, csv);
      assert.ok(Math.abs(Number(row.split(',')[5]) - mens.diff) < 1e-12, row);
      await s.finish();
    });

    it('first screen at 1280×800: the answer, its chart, no long numbers; cold load to first numbers < 3 s', async () => {
      // Machines are noisy: where the bar is missed once, the load is measured once more and the better
      // of the two is asserted.
      const coldLoad = async () => {
        const s = await open('/abtest.html', { width: 1280, height: 800 });
        await s.page.waitForSelector('#answer[data-updates]', { timeout: TIMEOUT });
        const ms = await s.page.evaluate(() => Number(document.getElementById('answer').dataset.updatedAt));
        return { s, ms };
      };
      let { s, ms } = await coldLoad();
      console.log(`abtest (${label}): cold load to first numbers ${Math.round(ms)} ms`);
      if (ms >= COLD_LOAD_MS) {
        await s.finish();
        const again = await coldLoad();
        console.log(`abtest (${label}): cold load, measured again ${Math.round(again.ms)} ms`);
        ({ s } = again);
        ms = Math.min(ms, again.ms);
      }
      await s.page.waitForSelector('#chart svg');
      const seen = await firstScreen(s.page);
      assert.match(seen.answer, /percentage points/);
      assert.ok(seen.charts >= 1, 'a chart inside the first viewport');
      assert.deepEqual(seen.tooLong, []);
      await s.finish();
      assert.ok(ms < COLD_LOAD_MS, `first numbers after ${Math.round(ms)} ms`);
    });

    it('at 390 px: no horizontal scroll, the answer within 1.5 screens', async () => {
      const layout = await narrowLayout(browser, `${server.origin}/abtest.html`);
      assert.ok(layout.overflow <= 0, `overflow ${layout.overflow}px`);
      assert.ok(layout.answerTop < 1.5, `answer starts at ${layout.answerTop} screens`);
    });

    it('axe-core: no critical or serious violations, with the Details drawers open', async () => {
      const s = await open('/abtest.html');
      const { page } = s;
      await waitForValue(page, answerValue('Mens E-Mail', 'diff'), mens.diff);
      await page.waitForSelector('#step-1 .step-chart svg');
      assert.deepEqual(await axeViolations(page), []);
      await page.evaluate(() => document.querySelectorAll('details.details').forEach((d) => (d.open = true)));
      assert.deepEqual(await axeViolations(page), []);
      await s.finish();
    });

    it('the outcome picker updates the answer (what-if latency printed) and the URL', async () => {
      const s = await open('/abtest.html');
      const { page } = s;
      await waitForValue(page, answerValue('Mens E-Mail', 'diff'), mens.diff);
      const spend = nativeAbtest(['--arm', 'segment', '--outcome', 'spend', '--covariate', 'history']);
      const before = await updates(page);
      const t0 = await page.evaluate(() => performance.now());
      await page.selectOption('#outcome', 'spend');
      await page.waitForFunction((n) => Number(document.getElementById('answer').dataset.updates) > n, before, { timeout: TIMEOUT });
      const ms = (await page.evaluate(() => Number(document.getElementById('answer').dataset.updatedAt))) - t0;
      console.log(`abtest (${label}): outcome change to updated answer ${Math.round(ms)} ms`);
      assert.ok(ms < OUTCOME_CHANGE_MS, `answer updated after ${Math.round(ms)} ms`);
      await waitForValue(page, answerValue('Mens E-Mail', 'diff'), spend.comparisons.find((c) => c.arm === 'Mens E-Mail').diff);
      const answer = await page.locator('#answer').textContent();
      assert.match(answer, /average spend per customer from \$/);
      assert.equal(new URL(page.url()).searchParams.get('outcome'), 'spend');
      await s.finish();
    });

    it('shows the core message for a malformed CSV and keeps the previous choices and results', async () => {
      const s = await open('/abtest.html?outcome=spend');
      const { page } = s;
      const spend = nativeAbtest(['--arm', 'segment', '--outcome', 'spend', '--covariate', 'history']);
      const expected = spend.comparisons.find((c) => c.arm === 'Mens E-Mail').diff;
      await waitForValue(page, tableCell('comparisons-table', 'Mens E-Mail', 'diff'), expected);
      const before = await selectedValues(page);
      const answerBefore = await page.locator('#answer').textContent();

      await page.setInputFiles('#file', { name: 'ragged.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n3\n') });
      await page.waitForFunction(() => document.querySelector('#message[data-kind="error"]')?.textContent.includes('ragged.csv'), null, { timeout: TIMEOUT });
      assert.match(await page.locator('#message').textContent(), /ragged\.csv: line 3/);

      await page.setInputFiles('#file', { name: 'quote.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,"2\n3,4\n') });
      await page.waitForFunction(() => document.querySelector('#message[data-kind="error"]')?.textContent.includes('quote.csv'), null, { timeout: TIMEOUT });
      const message = await page.locator('#message').textContent();
      assert.match(message, /quote\.csv: line 2/);
      assert.match(message, /never closed/);

      // Nothing was lost: choices, URL, the answer and the last result are as before.
      assert.deepEqual(await selectedValues(page), before);
      await waitForValue(page, tableCell('comparisons-table', 'Mens E-Mail', 'diff'), expected);
      assert.equal(await page.locator('#answer').textContent(), answerBefore);
      assert.equal(new URL(page.url()).searchParams.get('outcome'), 'spend');
      assert.equal(await page.locator('#chart svg circle').count(), 2);
      await s.finish();
    });

    it('analyses a CSV the user picks, read locally, and explains numbers that do not exist', async () => {
      const s = await open('/abtest.html');
      const { page } = s;
      await waitForValue(page, answerValue('Mens E-Mail', 'diff'), mens.diff);
      // The control converts nobody, so its relative lift (÷ 0) has no value.
      const csv = 'variant,converted,prior\ncontrol,0,1\ncontrol,0,2\ncontrol,0,1\nB,1,3\nB,0,2\nB,1,1\n';
      await page.setInputFiles('#file', { name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await waitForValue(page, tableCell('comparisons-table', 'B', 'diff'), 2 / 3);
      await waitForValue(page, answerValue('B', 'diff'), 2 / 3);
      const values = await selectedValues(page);
      assert.equal(values.data, 'local');
      assert.equal(values.arm, 'variant');
      assert.equal(new URL(page.url()).searchParams.get('data'), 'local');
      const lift = await page.locator(tableCell('comparisons-table', 'B', 'lift')).textContent();
      assert.match(lift, /n\/a \(control mean is 0\)/);
      assert.match(await page.locator('#lede').textContent(), /Your file/);
      assert.doesNotMatch(await page.locator('main').textContent(), /NaN|undefined|null/);
      assert.ok(!s.requests.some((url) => url.includes('mine.csv')), 'the picked file is never requested or uploaded');
      await s.finish();
    });

    it('restores the view from the URL and writes changes back', async () => {
      const s = await open('/abtest.html?data=hillstrom&arm=segment&control=Womens+E-Mail&outcome=conversion&covariate=&alpha=0.01');
      const { page } = s;
      const conversion = nativeAbtest(['--arm', 'segment', '--control', 'Womens E-Mail', '--outcome', 'conversion', '--alpha', '0.01']);
      const c = conversion.comparisons.find((x) => x.arm === 'Mens E-Mail');
      await waitForValue(page, tableCell('comparisons-table', 'Mens E-Mail', 'diff'), c.diff);
      await waitForValue(page, answerValue('Mens E-Mail', 'diff'), c.diff);
      assert.deepEqual(await selectedValues(page), {
        data: 'hillstrom', arm: 'segment', control: 'Womens E-Mail', outcome: 'conversion', covariate: '', alpha: '0.01',
      });
      const [lo, hi] = await valuesOf(page, tableCell('comparisons-table', 'Mens E-Mail', 'ci'));
      close(lo, c.ci[0], '99% CI low');
      close(hi, c.ci[1], '99% CI high');
      assert.equal(await page.locator('#cuped-none').count(), 1);
      assert.match(await page.locator('#step-4 .reading').textContent(), /Pick a column measured before the test/);

      await page.selectOption('#outcome', 'visit');
      await page.waitForFunction(() => new URL(location.href).searchParams.get('outcome') === 'visit', null, { timeout: TIMEOUT });
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('control'), 'Womens E-Mail');
      assert.equal(url.searchParams.get('alpha'), '0.01');

      // A new arm column brings its own levels into the control picker.
      await page.selectOption('#arm', 'zip_code');
      await page.waitForSelector('#comparisons-table tr[data-arm="Rural"], #comparisons-table tr[data-arm="Urban"]', { state: 'attached', timeout: TIMEOUT });
      const levels = await page.locator('#control option').evaluateAll((options) => options.map((o) => o.value));
      assert.deepEqual(levels.filter(Boolean).sort(), ['Rural', 'Surburban', 'Urban']);
      assert.equal(new URL(page.url()).searchParams.get('arm'), 'zip_code');
      await s.finish();
    });

    it('says which column of a shared link is missing and falls back', async () => {
      const s = await open('/abtest.html?outcome=no_such_column');
      const { page } = s;
      await page.waitForFunction(() => document.querySelector('#message')?.textContent.includes('no_such_column'), null, { timeout: TIMEOUT });
      // The bundled test's usual outcome (visits) stands in for the missing one.
      await waitForValue(page, answerValue('Mens E-Mail', 'diff'), mens.diff);
      assert.equal(await page.locator('#outcome').inputValue(), 'visit');
      await s.finish();
    });

    it('Cancel keeps the results (the engine stops the run, or restarts in the simd build); the next run works', async () => {
      const s = await open('/abtest.html');
      const { page } = s;
      await waitForValue(page, answerValue('Mens E-Mail', 'diff'), mens.diff);
      await page.waitForSelector('#step-1 .step-chart svg');
      await page.waitForSelector('#engine-status[data-state="ready"]');
      const answer = await page.locator('#answer').textContent();
      await page.evaluate(() => {
        document.getElementById('run').click();
        document.getElementById('cancel').click();
      });
      await page.waitForFunction(() => document.querySelector('#message[data-kind="info"]')?.textContent.includes('Cancelled'), null, { timeout: TIMEOUT });
      assert.equal(await page.locator('#answer').textContent(), answer);
      await waitForValue(page, tableCell('comparisons-table', 'Mens E-Mail', 'diff'), mens.diff);
      await page.click('#run');
      await page.waitForFunction(() => document.getElementById('message').hidden, null, { timeout: TIMEOUT });
      await page.waitForSelector('#engine-status[data-state="ready"]');
      await waitForValue(page, answerValue('Mens E-Mail', 'diff'), mens.diff);
      await s.finish();
    });

    it('workshop mode: guess the lift first, then reveal the estimate beside the guess', async () => {
      const s = await open('/abtest.html?workshop=1');
      const { page } = s;
      await page.waitForSelector('.workshop-bar');
      await page.waitForSelector('#answer[data-updates] .value');
      await page.waitForSelector('#guess');
      // Before the reveal: the holdout's rate only; no difference and no e-mail group's rate on the story or step 2.
      assert.equal(await page.locator(answerValue('Mens E-Mail', 'diff')).count(), 0);
      assert.equal(await page.locator('#step-2 .reading .value[data-arm="Mens E-Mail"]').count(), 0);
      assert.equal(await page.locator('#chart svg circle').count(), 0);
      assert.match(await page.locator('#answer').textContent(), /Guess/);
      assert.deepEqual(await axeViolations(page), [], 'the guess box is labelled and axe-clean');
      await page.fill('#guess', '5');
      await page.click('#reveal');
      await waitForValue(page, answerValue('Mens E-Mail', 'diff'), mens.diff);
      await page.waitForSelector('#step-2 .value[data-kind="guess"]');
      const reading = (await page.locator('#step-2 .reading').textContent()).replace(/\s+/g, ' ');
      assert.ok(reading.includes('You guessed +5.0 pp'), reading);
      assert.ok(reading.includes(`+${pp2(mens.diff)} pp (${pp2(mens.ci[0])} to ${pp2(mens.ci[1])})`), reading);
      assert.match(reading, /too low/);
      close(Number(await page.locator('#step-2 .value[data-kind="guess"]').getAttribute('data-value')), 0.05, 'the guess');
      assert.equal(await page.locator('#guess').count(), 0);
      assert.ok((await page.locator('#chart svg text').allTextContents()).includes('your guess'));
      await s.finish();
    });
  });
}
