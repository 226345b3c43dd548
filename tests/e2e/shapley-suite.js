// The Shapley page in the browser, once per way of serving dist/: the example
// CSV against the native CLI, a teaching game's textbook values, the chart, a
// bad coalitions CSV that must leave the previous results, and no request off
// the origin.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dist, launchBrowser, offOriginRequests, openPage, root, sixDigits } from './support.js';

const TIMEOUT = 30_000;
const EXAMPLE = path.join(root, 'web/public/examples/channels.csv');
const cell = (player, kind) => `#shapley-table tr[data-player="${player}"] td[data-kind="${kind}"]`;
const footCell = (row, kind) => `#shapley-table tr[data-row="${row}"] td[data-kind="${kind}"]`;

function nativeShapley(args) {
  const out = execFileSync(path.join(root, 'build/native/incrementa'), ['shapley', ...args], { encoding: 'utf8' });
  return JSON.parse(out);
}

// The DCM game's reference: the simulated ES world (as the page makes it), the
// DCM page's world config, trained and played by the native CLI.
const DCM_CONFIG = {
  customer: 'customer', period: 'week', outcome: 'spend', surrogates: ['browse', 'orders'], es_surrogates: ['es_reorder', 'es_recs', 'es_qa'],
  features: ['x1', 'x2'], lags: 1, same_period: true, ridge: 0, groups: { reminders: ['es_reorder'], discovery: ['es_recs', 'es_qa'] },
};
function nativeDcm() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incrementa-shapley-dcm-'));
  const cli = path.join(root, 'build/native/incrementa');
  const panel = path.join(dir, 'panel.csv');
  const model = path.join(dir, 'model.json');
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(DCM_CONFIG));
  execFileSync(cli, ['simulate', 'dcm', '--rows', '300', '--weeks', '8', '--seed', '1', '--out', panel]);
  execFileSync(cli, ['dcm', 'train', '--panel', panel, '--config', path.join(dir, 'config.json'), '--model-out', model]);
  return { panel, model, result: nativeShapley(['--dcm-model', model, '--panel', panel, '--players', 'channels', '--interactions']) };
}

async function waitForText(page, selector, expected) {
  await page.waitForFunction(([sel, text]) => document.querySelector(sel)?.textContent.trim() === text, [selector, expected], { timeout: TIMEOUT });
}

const text = async (page, selector) => (await page.locator(selector).textContent()).trim();

/** @param {{label: string, startServer: () => Promise<{origin, close}>, variant: string}} mode */
export function shapleySuite({ label, startServer, variant }) {
  describe(`Shapley page, ${label}`, () => {
    let server;
    let browser;
    const reference = nativeShapley(['--coalitions', EXAMPLE]);

    before(async () => {
      if (!fs.existsSync(path.join(dist, 'shapley.html')) || !fs.existsSync(path.join(dist, 'examples/channels.csv'))) {
        throw new Error('dist/shapley.html or dist/examples/channels.csv is missing: run npm run build first');
      }
      server = await startServer();
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

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

    it(`opens from the home page; the example's Shapley values add up to the total, leave-one-out does not (WASM ${variant})`, async () => {
      const s = await open('/index.html');
      const { page } = s;
      await page.click('#card-shapley');
      await page.waitForURL(/shapley\.html/);
      const search = reference.players.find((p) => p.name === 'Search');
      await waitForText(page, cell('Search', 'value'), sixDigits(search.value));
      for (const p of reference.players) assert.equal(await text(page, cell(p.name, 'value')), sixDigits(p.value), p.name);
      await page.waitForSelector(`#engine-status[data-variant="${variant}"]`);

      // The sums row against the total: Shapley adds up, leave-one-out double counts.
      const total = sixDigits(reference.total);
      assert.equal(await text(page, footCell('sum', 'value')), total);
      assert.equal(await text(page, footCell('total', 'value')), total);
      const loo = sixDigits(reference.naive.leave_one_out_sum);
      assert.notEqual(loo, total);
      assert.equal(await text(page, footCell('sum', 'leave-one-out')), loo);
      assert.equal(await text(page, footCell('gap', 'leave-one-out')), `+${sixDigits(reference.naive.leave_one_out_sum - reference.total)}`);
      assert.equal(await text(page, footCell('gap', 'value')), '0');

      // The waterfall: one bar for the empty coalition, one per player, one for all players.
      await page.waitForSelector('#chart svg');
      assert.equal(await page.locator('#chart svg g[aria-label="bar"] rect').count(), reference.players.length + 2);

      // Every number's definition, as the core words it.
      const body = (await page.locator('body').textContent()).replace(/\s+/g, ' ');
      for (const definition of Object.values(reference.definitions)) assert.ok(body.includes(definition.replace(/\s+/g, ' ')), `shows: ${definition}`);
      assert.doesNotMatch(await page.locator('#results').textContent(), /NaN|undefined|null/);
      assert.equal(new URL(page.url()).searchParams.get('game'), 'example');

      // A bad coalitions CSV (one coalition missing) names what is missing and keeps the results.
      const lines = fs.readFileSync(EXAMPLE, 'utf8').trim().split('\n');
      const bad = [...lines.slice(0, 4), ...lines.slice(5)].join('\n');
      await page.setInputFiles('#file', { name: 'gappy.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
      await page.waitForFunction(() => document.querySelector('#message[data-kind="error"]')?.textContent.includes('gappy.csv'), null, { timeout: TIMEOUT });
      const message = await text(page, '#message');
      assert.match(message, /15 of the 16 coalitions are given; missing e\.g\. \{TV, Email\}/);
      assert.match(message, /previous choices and results are kept/);
      assert.equal(await text(page, cell('Search', 'value')), sixDigits(search.value));
      assert.equal(await page.locator('input[name="game"]:checked').getAttribute('value'), 'example');
      assert.equal(new URL(page.url()).searchParams.get('game'), 'example');
      assert.equal(await page.locator('#chart svg g[aria-label="bar"] rect').count(), reference.players.length + 2);
      assert.ok(!s.requests.some((url) => url.includes('gappy.csv')), 'the picked file is never requested or uploaded');
      await s.finish();
    });

    it('the DCM game: trained in the page on the simulated world, equal to the CLI with interactions and CSV; a wrong panel is a clear error', async () => {
      const ref = nativeDcm();
      const value = (name) => ref.result.players.find((p) => p.name === name).value;
      const s = await open('/shapley.html?game=dcm&source=sim&customers=300&weeks=8&world_seed=1&interactions=1');
      const { page } = s;
      await waitForText(page, cell('reminders', 'value'), sixDigits(value('reminders')));
      assert.equal(await text(page, cell('discovery', 'value')), sixDigits(value('discovery')));
      assert.equal(await text(page, footCell('gap', 'value')), '0');
      const pair = ref.result.interactions[0];
      assert.equal(await text(page, `#interactions-table tr[data-player="${pair.a}"] td[data-with="${pair.b}"]`), sixDigits(pair.value));
      const body = (await page.locator('body').textContent()).replace(/\s+/g, ' ');
      for (const definition of Object.values(ref.result.definitions)) assert.ok(body.includes(definition.replace(/\s+/g, ' ')), `shows: ${definition}`);
      assert.match(body, /only the channels in S active/);
      assert.doesNotMatch(await page.locator('#results').textContent(), /NaN|undefined|null/);

      // CSV export at full precision: the CLI's numbers to 1e-9 relative (WASM and native agree to that).
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
      const lines = fs.readFileSync(await download.path(), 'utf8').trim().split('\r\n');
      const names = ref.result.players.map((p) => p.name);
      assert.equal(lines[0], ['player', 'value', 'se', 'leave_one_out', 'alone', ...names.map((n) => `interaction_with_${n}`)].join(','));
      const row = lines.find((l) => l.startsWith(`${pair.a},`)).split(',');
      assert.ok(Math.abs(Number(row[1]) - value(pair.a)) <= 1e-9 * Math.abs(value(pair.a)), row.join(','));
      assert.ok(Math.abs(Number(row[5 + names.indexOf(pair.b)]) - pair.value) <= 1e-9 * Math.abs(pair.value) + 1e-12, row.join(','));
      assert.equal(row[5 + names.indexOf(pair.a)], '', 'a player with itself has no interaction');

      // The user's files: a panel that is not the model's names what is wrong and keeps the results.
      await page.selectOption('#dcm-source', 'files');
      await page.setInputFiles('#dcm-model-file', ref.model);
      await page.setInputFiles('#dcm-panel-file', EXAMPLE);
      await page.waitForFunction(() => document.querySelector('#message[data-kind="error"]')?.textContent.includes('channels.csv'), null, { timeout: TIMEOUT });
      assert.match(await text(page, '#message'), /previous choices and results are kept/);
      assert.equal(await text(page, cell('reminders', 'value')), sixDigits(value('reminders')));
      // The right pair: the CLI's values, players as single ES surrogates too.
      await page.setInputFiles('#dcm-model-file', ref.model);
      await page.setInputFiles('#dcm-panel-file', ref.panel);
      await page.waitForFunction(() => document.getElementById('summary')?.textContent.includes('model.json on panel.csv'), null, { timeout: TIMEOUT });
      assert.equal(await text(page, cell('reminders', 'value')), sixDigits(value('reminders')));
      await page.selectOption('#dcm-players', 'features');
      await page.waitForSelector(cell('es_qa', 'value'), { timeout: TIMEOUT });
      assert.equal(await page.locator('#shapley-table tbody tr').count(), 3);
      await s.finish();
    });

    it('the glove game (1 left, 2 right) gives the textbook 2/3 and 1/6, kept in the URL', async () => {
      const s = await open('/shapley.html?game=glove');
      const { page } = s;
      await waitForText(page, cell('L', 'value'), '0.666667');
      assert.equal(await text(page, cell('R1', 'value')), '0.166667');
      assert.equal(await text(page, cell('R2', 'value')), '0.166667');
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('left'), 'L');
      assert.equal(url.searchParams.get('right'), 'R1, R2');
      // Editing the parameters reruns: two left gloves against two right share equally.
      await page.fill('#left', 'L1, L2');
      await page.locator('#left').dispatchEvent('change');
      await waitForText(page, cell('L2', 'value'), '0.5');
      assert.equal(new URL(page.url()).searchParams.get('left'), 'L1, L2');

      // Sampling shows progress; Cancel stops it and keeps the last results.
      await page.selectOption('#method', 'permutation');
      await page.waitForFunction(() => document.getElementById('summary')?.textContent.includes('sampling: 10,000 random orders'), null, { timeout: TIMEOUT });
      await page.fill('#samples', '1000000000');
      await page.locator('#samples').dispatchEvent('change');
      await page.waitForSelector('#progress:not([hidden])', { timeout: TIMEOUT });
      await page.click('#cancel');
      await page.waitForFunction(() => document.querySelector('#message[data-kind="info"]')?.textContent.includes('Cancelled'), null, { timeout: TIMEOUT });
      assert.doesNotMatch(await text(page, '#message'), /null/);
      assert.equal(await text(page, cell('L2', 'value')), '0.5');
      await s.finish();
    });
  });
}
