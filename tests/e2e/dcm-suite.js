// The DCM page in the browser, once per way of serving dist/: opened from the
// home card, the default simulated world (500 customers × 10 weeks, seed 1,
// bootstrap 20) trained and scored like the native CLI on the same world,
// config and shock; the per-week chart; a shock edit that re-scores without
// retraining; the with/without same-period comparison; a bad config JSON, an
// unknown column and a duplicate customer-week that show a message and keep
// the results; the naive users-vs-non-users figure and the revealed truth (the
// CLI's 'dcm truth'); the Online Retail source trained like the CLI on the
// shipped file; and no request off the origin.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dist, launchBrowser, offOriginRequests, openPage, root, sixDigits } from './support.js';

const TIMEOUT = 30_000;
const CLI = path.join(root, 'build/native/incrementa');
// The page's defaults: the world's config (src/sim/dcm_world.cpp), bootstrap 20 (seed 1), every ES surrogate zeroed from week 1.
const CONFIG = {
  customer: 'customer',
  period: 'week',
  outcome: 'spend',
  surrogates: ['browse', 'orders'],
  es_surrogates: ['es_reorder', 'es_recs', 'es_qa'],
  features: ['x1', 'x2'],
  lags: 1,
  same_period: true,
  ridge: 0,
  groups: { reminders: ['es_reorder'], discovery: ['es_recs', 'es_qa'] },
};
const ALL = { shocks: [{ surrogates: ['es_reorder', 'es_recs', 'es_qa'], type: 'zero', value: 0, from: 1 }] };
const REMINDERS = { shocks: [{ surrogates: ['es_reorder'], type: 'zero', value: 0, from: 1 }] };

function nativeWorld() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incrementa-dcm-'));
  const file = (name, json) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, JSON.stringify(json));
    return p;
  };
  const panel = path.join(dir, 'panel.csv');
  execFileSync(CLI, ['simulate', 'dcm', '--rows', '500', '--weeks', '10', '--seed', '1', '--out', panel]);
  const cli = (args) => JSON.parse(execFileSync(CLI, args, { encoding: 'utf8' }));
  const score = (config, shock) => {
    const model = path.join(dir, 'model.json');
    cli(['dcm', 'train', '--panel', panel, '--config', file('config.json', config), '--bootstrap', '20', '--seed', '1', '--model-out', model]);
    return cli(['dcm', 'score', '--model', model, '--panel', panel, '--shock', file('shock.json', shock)]);
  };
  const truth = (shock) => cli(['dcm', 'truth', '--customers', '500', '--weeks', '10', '--seed', '1', '--shock', file('truth-shock.json', shock)]);
  const retail = (shock) => {
    const model = path.join(dir, 'retail-model.json');
    const data = path.join(root, 'data/online-retail/panel.csv');
    cli(['dcm', 'train', '--panel', data, '--config', path.join(root, 'data/online-retail/config.json'), '--bootstrap', '20', '--seed', '1', '--model-out', model]);
    return cli(['dcm', 'score', '--model', model, '--panel', data, '--shock', file('retail-shock.json', shock)]);
  };
  return { score, truth, retail, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const text = async (page, selector) => (await page.locator(selector).textContent()).trim();
const INCREMENTAL = '#headline [data-kind="incremental"] .big';
const INCREMENTAL_CI = '#headline [data-kind="incremental"] .ci';
const interval = (ci) => `95% CI [${sixDigits(ci[0])}, ${sixDigits(ci[1])}]`;

/** @param {{label: string, startServer: () => Promise<{origin, close}>, variant: string}} mode */
export function dcmSuite({ label, startServer, variant }) {
  describe(`DCM page, ${label}`, () => {
    let server;
    let browser;
    let world;

    before(async () => {
      if (!fs.existsSync(path.join(dist, 'dcm.html'))) throw new Error('dist/dcm.html is missing: run npm run build first');
      world = nativeWorld();
      server = await startServer();
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await server?.close();
      world?.dispose();
    });

    it(`opens from the home card, matches the native CLI, re-scores a shock edit and keeps the results on a bad config (WASM ${variant})`, async () => {
      const { context, page, requests, errors } = await openPage(browser);
      await page.goto(`${server.origin}/index.html`);
      await page.click('#card-dcm');
      await page.waitForURL(/dcm\.html/);

      // The default world and shock: the CLI's total incremental and its bootstrap CI.
      const reference = world.score(CONFIG, ALL);
      const expected = sixDigits(reference.total.incremental);
      await page.waitForFunction(([sel, t]) => document.querySelector(sel)?.textContent.trim() === t, [INCREMENTAL, expected], { timeout: TIMEOUT });
      await page.waitForSelector(`#engine-status[data-variant="${variant}"]`);
      assert.equal(await text(page, INCREMENTAL_CI), interval(reference.total.incremental_ci));
      assert.equal(await text(page, '#headline [data-kind="baseline"] .big'), sixDigits(reference.total.baseline));
      assert.equal(await text(page, '#groups-table tr[data-group="reminders"] td[data-kind="incremental"]'), sixDigits(reference.groups.reminders.incremental));
      const url = new URL(page.url()).searchParams;
      assert.deepEqual([url.get('customers'), url.get('weeks'), url.get('seed'), url.get('B')], ['500', '10', '1', '20']);

      // The chart: baseline and counterfactual lines and the CI band; the heatmap and graph are drawn.
      await page.waitForSelector('#chart svg');
      assert.equal(await page.locator('#chart svg g[aria-label="line"] path').count(), 2);
      assert.equal(await page.locator('#chart svg g[aria-label="area"] path').count(), 1);
      assert.ok((await page.locator('#heatmap svg g[aria-label="cell"] rect').count()) >= 6 * 8, "one cell per target and regressor");
      assert.ok(await page.locator('#graph svg').count());
      const body = (await page.locator('#results').textContent()).replace(/\s+/g, ' ');
      for (const key of ['baseline', 'counterfactual', 'incremental', 'incremental_ci', 'share_of_100']) assert.ok(body.includes(reference.definitions[key]), `definition of ${key} shown`);

      // A shock edit re-scores (no retraining): reminders only.
      const trainTime = await page.locator('#train-time').getAttribute('data-ms');
      const reminders = world.score(CONFIG, REMINDERS);
      await page.selectOption('#shock-target', 'group:reminders');
      await page.waitForFunction(([sel, t]) => document.querySelector(sel)?.textContent.trim() === t, [INCREMENTAL, sixDigits(reminders.total.incremental)], { timeout: TIMEOUT });
      assert.equal(await page.locator('#train-time').getAttribute('data-ms'), trainTime, 'not retrained');
      assert.match(await text(page, '#score-time'), /scored in \d+ ms/);
      assert.equal(new URL(page.url()).searchParams.get('shock'), 'group:reminders,zero,0.5,1,');

      // With vs without same-period effects: the lags-only model finds less.
      await page.click('#compare');
      await page.waitForSelector('#compare-table tr[data-model="without"]', { timeout: TIMEOUT });
      const without = world.score({ ...CONFIG, same_period: false }, REMINDERS);
      assert.equal(await text(page, '#compare-table tr[data-model="with"] td[data-kind="incremental"]'), sixDigits(reminders.total.incremental));
      assert.equal(await text(page, '#compare-table tr[data-model="without"] td[data-kind="incremental"]'), sixDigits(without.total.incremental));

      // A bad config JSON: a message, and the results stay.
      await page.fill('#config', '{"outcome": "spend",');
      await page.click('#run');
      await page.waitForSelector('#message[data-kind="error"]:not([hidden])', { timeout: TIMEOUT });
      assert.match(await text(page, '#message'), /not valid JSON/);
      assert.equal(await text(page, INCREMENTAL), sixDigits(reminders.total.incremental));
      assert.equal(await page.locator('#results').isVisible(), true);

      // An unknown column: the core's message names it, and the results stay.
      await page.fill('#config', JSON.stringify({ ...CONFIG, outcome: 'revenue' }));
      await page.click('#run');
      await page.waitForFunction(() => /revenue/.test(document.querySelector('#message')?.textContent ?? ''), null, { timeout: TIMEOUT });
      assert.equal(await page.locator('#message').getAttribute('data-kind'), 'error');
      assert.equal(await text(page, INCREMENTAL), sixDigits(reminders.total.incremental));

      // A panel CSV with a customer-week twice: the message names it, and the results stay.
      await page.fill('#config', JSON.stringify(CONFIG));
      const rows = ['customer,week,x1,x2,browse,orders,es_reorder,es_recs,es_qa,spend', '1,1,0.5,1,1,1,1,1,1,10', '1,2,0.5,1,1,1,1,1,1,12', '1,2,0.5,1,1,1,1,1,1,12', '2,1,0.1,0,1,1,0,0,0,5', '2,2,0.1,0,1,1,0,0,0,6'];
      await page.setInputFiles('#file', { name: 'dupes.csv', mimeType: 'text/csv', buffer: Buffer.from(`${rows.join('\n')}\n`) });
      await page.waitForFunction(() => /dupes\.csv/.test(document.querySelector('#message')?.textContent ?? ''), null, { timeout: TIMEOUT });
      assert.match(await text(page, '#message'), /customer '1' has period 2 twice/);
      assert.equal(await text(page, INCREMENTAL), sixDigits(reminders.total.incremental));

      assert.deepEqual(offOriginRequests(requests, server.origin), []);
      assert.deepEqual(errors, []);
      await context.close();
    });

    it(`shows the naive comparison, reveals the truth, and trains on Online Retail like the CLI (WASM ${variant})`, async () => {
      const { context, page, requests, errors } = await openPage(browser);
      await page.goto(`${server.origin}/dcm.html`);
      const reference = world.score(CONFIG, ALL);
      await page.waitForFunction(([sel, t]) => document.querySelector(sel)?.textContent.trim() === t, [INCREMENTAL, sixDigits(reference.total.incremental)], { timeout: TIMEOUT });
      // The naive users-vs-non-users figure is the core's, with its definition.
      assert.equal(await text(page, '#naive-table tr[data-row="naive"] td[data-kind="incremental"]'), sixDigits(reference.naive.incremental));
      assert.ok((await page.locator('#naive-out').textContent()).replace(/\s+/g, ' ').includes(reference.definitions.naive));
      assert.equal(await page.locator('#truth-table').count(), 0, 'the truth is hidden until revealed');

      // Reveal the truth: the world's true value per channel and in total, as the CLI computes it.
      const truth = world.truth(ALL);
      await page.check('#reveal-truth');
      await page.waitForSelector('#truth-table', { timeout: TIMEOUT });
      assert.equal(await text(page, '#truth-table tr[data-group="total"] td[data-kind="truth"]'), sixDigits(truth.total.incremental));
      assert.equal(await text(page, '#truth-table tr[data-group="reminders"] td[data-kind="truth"]'), sixDigits(truth.groups.reminders.incremental));
      assert.equal(await text(page, '#naive-table tr[data-row="truth"] td[data-kind="incremental"]'), sixDigits(truth.total.incremental));
      assert.match(await text(page, '#truth-table tr[data-group="total"] td[data-kind="covers"]'), /^(yes|no)$/);
      assert.equal(new URL(page.url()).searchParams.get('truth'), '1');

      // Online Retail (UCI): the source is cited, the config is the shipped one, the default shock is the seasonal
      // group from the first panel week (9), and the numbers are the CLI's on the shipped file.
      await page.check('input[name="data"][value="retail"]');
      await page.waitForFunction(() => /Online Retail/.test(document.querySelector('#summary')?.textContent ?? ''), null, { timeout: TIMEOUT });
      assert.equal(await page.locator('#retail-source').isVisible(), true);
      assert.match(await text(page, '#retail-source'), /CC BY 4\.0/);
      assert.equal(await page.locator('#truth-switch').isVisible(), false);
      assert.match(await text(page, '#data-note'), /no engagement surface/);
      const shipped = JSON.parse(fs.readFileSync(path.join(root, 'data/online-retail/config.json'), 'utf8'));
      assert.deepEqual(JSON.parse(await page.inputValue('#config')), shipped);
      const seasonal = { shocks: [{ surrogates: ['lines_christmas'], type: 'zero', value: 0, from: 9 }] };
      const retail = world.retail(seasonal);
      await page.waitForFunction(([sel, t]) => document.querySelector(sel)?.textContent.trim() === t, [INCREMENTAL, sixDigits(retail.total.incremental)], { timeout: TIMEOUT });
      assert.equal(await text(page, INCREMENTAL_CI), interval(retail.total.incremental_ci));
      assert.equal(await text(page, '#naive-table tr[data-row="naive"] td[data-kind="incremental"]'), sixDigits(retail.naive.incremental));
      assert.equal(new URL(page.url()).searchParams.get('data'), 'retail');

      // Download model JSON: the fitted model, as 'dcm score --model' and the Shapley page read it.
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-model')]);
      const model = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
      assert.equal(model.format, 'incrementa-dcm');
      assert.equal(model.customers, 1214);
      assert.deepEqual(model.config.groups, shipped.groups);

      assert.deepEqual(offOriginRequests(requests, server.origin), []);
      assert.deepEqual(errors, []);
      await context.close();
    });
  });
}
