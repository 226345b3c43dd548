// The browser checks, run once per way of serving dist/ (see the *.test.js
// files): the page must pick the WASM variant the headers allow, agree with
// the native CLI, survive bad input, restore its URL state and stay on origin.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { checkPrerequisites, launchBrowser, nativeAbtest, offOriginRequests, openPage, sixDigits } from './support.js';

const TIMEOUT = 30_000;
const diffCell = (arm) => `#comparisons-table tr[data-arm="${arm}"] td[data-kind="diff"]`;
const cupedDiffCell = (arm) => `#cuped-table tr[data-arm="${arm}"] td[data-kind="diff"]`;

/** Waits until the cell shows `expected` (the page re-renders after each run). */
async function waitForText(page, selector, expected) {
  await page.waitForFunction(
    ([sel, text]) => document.querySelector(sel)?.textContent.trim() === text,
    [selector, expected],
    { timeout: TIMEOUT },
  );
}

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

/**
 * @param {{label: string, startServer: () => Promise<{origin, close}>, variant: 'simd'|'simd-threads', isolated: boolean}} mode
 */
export function abtestSuite({ label, startServer, variant, isolated }) {
  describe(label, () => {
    let server;
    let browser;
    const reference = nativeAbtest(['--arm', 'segment', '--outcome', 'visit', '--covariate', 'history']);
    const mens = reference.comparisons.find((c) => c.arm === 'Mens E-Mail');

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
    async function open(pathname) {
      const session = await openPage(browser);
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
      assert.equal(await s.page.locator('.card').count(), 5);
      assert.equal(await s.page.locator('.card.coming').count(), 0);
      assert.equal(await s.page.locator('.card.live').count(), 5);
      await s.page.click('#card-abtest');
      await s.page.waitForURL(/abtest\.html/);
      await s.page.waitForSelector(diffCell('Mens E-Mail'), { timeout: TIMEOUT });
      await s.finish();
    });

    it(`runs the Hillstrom readout on WASM ${variant} and matches the native CLI`, async () => {
      const s = await open('/abtest.html');
      const { page } = s;
      await waitForText(page, diffCell('Mens E-Mail'), sixDigits(mens.diff));
      assert.equal(sixDigits(mens.diff), '0.0765896');
      await waitForText(page, cupedDiffCell('Mens E-Mail'), sixDigits(reference.cuped.comparisons[0].diff));
      assert.deepEqual(await selectedValues(page), {
        data: 'hillstrom', arm: 'segment', control: 'No E-Mail', outcome: 'visit', covariate: 'history', alpha: '0.05',
      });

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
      const control = reference.arms.find((a) => a.name === 'No E-Mail');
      await waitForText(page, '#arms-table tr[data-arm="No E-Mail"] td[data-kind="mean"]', sixDigits(control.mean));
      const text = (await page.locator('body').textContent()).replace(/\s+/g, ' ');
      for (const definition of Object.values(reference.definitions)) assert.ok(text.includes(definition), `shows: ${definition}`);
      assert.match(text, /Kevin Hillstrom/);
      assert.match(text, /free to use with attribution to Kevin Hillstrom \/ MineThatData/);

      // The chart: an SVG from Plot with a dot per (arm, method).
      await page.waitForSelector('#chart svg');
      assert.equal(await page.locator('#chart svg circle').count(), 4);

      // CSV export: full-precision numbers, equal to the CLI.
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
      const csv = fs.readFileSync(await download.path(), 'utf8');
      const row = csv.split('\r\n').find((line) => line.startsWith('comparison,Mens E-Mail,'));
      assert.ok(row, csv);
      assert.ok(Math.abs(Number(row.split(',')[5]) - mens.diff) < 1e-12, row);
      await s.finish();
    });

    it('shows the core message for a malformed CSV and keeps the previous choices and results', async () => {
      const s = await open('/abtest.html?outcome=spend');
      const { page } = s;
      const spend = nativeAbtest(['--arm', 'segment', '--outcome', 'spend', '--covariate', 'history']);
      const expected = sixDigits(spend.comparisons.find((c) => c.arm === 'Mens E-Mail').diff);
      await waitForText(page, diffCell('Mens E-Mail'), expected);
      const before = await selectedValues(page);

      await page.setInputFiles('#file', { name: 'ragged.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n3\n') });
      await page.waitForFunction(() => document.querySelector('#message[data-kind="error"]')?.textContent.includes('ragged.csv'), null, { timeout: TIMEOUT });
      assert.match(await page.locator('#message').textContent(), /ragged\.csv: line 3/);

      await page.setInputFiles('#file', { name: 'quote.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,"2\n3,4\n') });
      await page.waitForFunction(() => document.querySelector('#message[data-kind="error"]')?.textContent.includes('quote.csv'), null, { timeout: TIMEOUT });
      const message = await page.locator('#message').textContent();
      assert.match(message, /quote\.csv: line 2/);
      assert.match(message, /never closed/);

      // Nothing was lost: choices, URL and the last result are as before.
      assert.deepEqual(await selectedValues(page), before);
      assert.equal((await page.locator(diffCell('Mens E-Mail')).textContent()).trim(), expected);
      assert.equal(new URL(page.url()).searchParams.get('outcome'), 'spend');
      assert.equal(await page.locator('#chart svg circle').count(), 4);
      await s.finish();
    });

    it('analyses a CSV the user picks, read locally, and explains numbers that do not exist', async () => {
      const s = await open('/abtest.html');
      const { page } = s;
      await waitForText(page, diffCell('Mens E-Mail'), sixDigits(mens.diff));
      // The control converts nobody, so its relative lift (÷ 0) has no value.
      const csv = 'variant,converted,prior\ncontrol,0,1\ncontrol,0,2\ncontrol,0,1\nB,1,3\nB,0,2\nB,1,1\n';
      await page.setInputFiles('#file', { name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await waitForText(page, diffCell('B'), '0.666667');
      const values = await selectedValues(page);
      assert.equal(values.data, 'local');
      assert.equal(values.arm, 'variant');
      assert.equal(new URL(page.url()).searchParams.get('data'), 'local');
      const lift = await page.locator('#comparisons-table tr[data-arm="B"] td[data-kind="lift"]').textContent();
      assert.match(lift, /n\/a \(control mean is 0\)/);
      assert.doesNotMatch(await page.locator('#results').textContent(), /NaN|undefined|null/);
      assert.ok(!s.requests.some((url) => url.includes('mine.csv')), 'the picked file is never requested or uploaded');
      await s.finish();
    });

    it('restores the view from the URL and writes changes back', async () => {
      const s = await open('/abtest.html?data=hillstrom&arm=segment&control=Womens+E-Mail&outcome=conversion&covariate=&alpha=0.01');
      const { page } = s;
      const conversion = nativeAbtest(['--arm', 'segment', '--control', 'Womens E-Mail', '--outcome', 'conversion', '--alpha', '0.01']);
      const c = conversion.comparisons.find((x) => x.arm === 'Mens E-Mail');
      await waitForText(page, diffCell('Mens E-Mail'), sixDigits(c.diff));
      assert.deepEqual(await selectedValues(page), {
        data: 'hillstrom', arm: 'segment', control: 'Womens E-Mail', outcome: 'conversion', covariate: '', alpha: '0.01',
      });
      await waitForText(page, '#comparisons-table tr[data-arm="Mens E-Mail"] td[data-kind="ci"]', `[${sixDigits(c.ci[0])}, ${sixDigits(c.ci[1])}]`);
      assert.equal(await page.locator('#cuped-none').count(), 1);

      await page.selectOption('#outcome', 'visit');
      await page.waitForFunction(() => new URL(location.href).searchParams.get('outcome') === 'visit', null, { timeout: TIMEOUT });
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('control'), 'Womens E-Mail');
      assert.equal(url.searchParams.get('alpha'), '0.01');

      // A new arm column brings its own levels into the control picker.
      await page.selectOption('#arm', 'zip_code');
      await page.waitForSelector('#comparisons-table tr[data-arm="Rural"], #comparisons-table tr[data-arm="Urban"]', { timeout: TIMEOUT });
      const levels = await page.locator('#control option').evaluateAll((options) => options.map((o) => o.value));
      assert.deepEqual(levels.filter(Boolean).sort(), ['Rural', 'Surburban', 'Urban']);
      assert.equal(new URL(page.url()).searchParams.get('arm'), 'zip_code');
      await s.finish();
    });

    it('says which column of a shared link is missing and falls back', async () => {
      const s = await open('/abtest.html?outcome=no_such_column');
      const { page } = s;
      await page.waitForFunction(() => document.querySelector('#message')?.textContent.includes('no_such_column'), null, { timeout: TIMEOUT });
      await page.waitForSelector(diffCell('Mens E-Mail'));
      await s.finish();
    });

    it('Cancel restarts the engine and keeps the results; the next run works', async () => {
      const s = await open('/abtest.html');
      const { page } = s;
      await waitForText(page, diffCell('Mens E-Mail'), sixDigits(mens.diff));
      await page.waitForSelector('#engine-status[data-state="ready"]');
      await page.evaluate(() => {
        document.getElementById('run').click();
        document.getElementById('cancel').click();
      });
      await page.waitForFunction(() => document.querySelector('#message[data-kind="info"]')?.textContent.includes('Cancelled'), null, { timeout: TIMEOUT });
      assert.equal((await page.locator(diffCell('Mens E-Mail')).textContent()).trim(), sixDigits(mens.diff));
      await page.click('#run');
      await page.waitForFunction(() => document.getElementById('message').hidden, null, { timeout: TIMEOUT });
      await page.waitForSelector('#engine-status[data-state="ready"]');
      await waitForText(page, diffCell('Mens E-Mail'), sixDigits(mens.diff));
      await s.finish();
    });
  });
}
