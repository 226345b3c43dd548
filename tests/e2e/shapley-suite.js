// The Shapley page in the browser, once per way of serving dist/: the story first (the answer sentence,
// one chart, the "without X" chooser), the example against the native CLI through data-value, edited
// coalition values against the CLI on the same edited CSV (kept in the URL), a bad value and a bad
// coalitions CSV that keep the previous results, the DCM and teaching games, the glove guess, the first
// screen, the phone layout, axe-core, and no request off the origin.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { axeViolations, dist, firstScreen, launchBrowser, narrowLayout, offOriginRequests, openPage, root } from './support.js';

const TIMEOUT = 30_000;
const EXAMPLE = path.join(root, 'web/public/examples/channels.csv');
const cell = (player, kind) => `#shapley-table tr[data-player="${player}"] td[data-kind="${kind}"] .value`;
const footCell = (row, kind) => `#shapley-table tr[data-row="${row}"] td[data-kind="${kind}"] .value`;

function nativeShapley(args) {
  const out = execFileSync(path.join(root, 'build/native/incrementa'), ['shapley', ...args], { encoding: 'utf8' });
  return JSON.parse(out);
}

/** The CLI on the example with some coalition values replaced: {row index (file order, header excluded): value}. */
function nativeEdited(edits) {
  const lines = fs.readFileSync(EXAMPLE, 'utf8').trim().split('\n');
  for (const [row, x] of Object.entries(edits)) {
    const cells = lines[1 + Number(row)].split(',');
    cells[cells.length - 1] = String(x);
    lines[1 + Number(row)] = cells.join(',');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incrementa-shapley-edit-'));
  const file = path.join(dir, 'edited.csv');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  const values = lines.slice(1).map((l) => Number(l.split(',').at(-1)));
  return { result: nativeShapley(['--coalitions', file]), values };
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

const text = async (page, selector) => (await page.locator(selector).textContent()).trim();
/** The exact number behind a rounded one on screen. */
const exact = async (page, selector) => Number(await page.locator(selector).first().getAttribute('data-value'));
const close = (a, b, what) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
const updates = (page) => page.evaluate(() => Number(document.getElementById('answer').dataset.updates ?? 0));
async function waitForUpdate(page, before) {
  await page.waitForFunction((n) => Number(document.getElementById('answer').dataset.updates ?? 0) > n, before, { timeout: TIMEOUT });
}
/** The answer's numbers in order, exact (data-value). */
const answerValues = (page) => page.$$eval('#answer .value', (spans) => spans.map((s) => Number(s.dataset.value)));

/** Every value the CLI reports for the players, against the table's data-value. */
async function assertTableMatches(page, reference) {
  for (const p of reference.players) {
    close(await exact(page, cell(p.name, 'value')), p.value, `${p.name} Shapley value`);
    close(await exact(page, cell(p.name, 'leave-one-out')), p.leave_one_out, `${p.name} leave-one-out`);
    close(await exact(page, cell(p.name, 'alone')), p.alone, `${p.name} alone`);
  }
  close(await exact(page, footCell('sum', 'value')), reference.total, 'sum of Shapley values');
  close(await exact(page, footCell('sum', 'leave-one-out')), reference.naive.leave_one_out_sum, 'sum of leave-one-out');
}

/** The answer for `name` from the CLI's numbers: all, without, its change, alone, none, fair share, total. */
function expectedAnswer(reference, name) {
  const p = reference.players.find((q) => q.name === name);
  const all = reference.grand_coalition;
  const without = all - p.leave_one_out;
  return [all, without, without - all, p.alone, reference.empty_coalition, p.value, reference.total];
}

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

    it(`opens from the home page; the answer says "without e-mail", the example matches the CLI, a bad CSV keeps the results (WASM ${variant})`, async () => {
      const s = await open('/index.html');
      const { page } = s;
      await page.click('#card-shapley');
      await page.waitForURL(/shapley\.html/);
      await page.waitForSelector('#answer[data-updates]', { timeout: TIMEOUT });
      await page.waitForSelector(`#engine-status[data-variant="${variant}"]`);

      // The answer: built from the values (the CLI's), rounded, with units; e-mail by default.
      const answer = await text(page, '#answer');
      assert.match(answer, /^With all four channels revenue is \$280k\. Without e-mail it would be \$270k \(−\$10k\); e-mail alone brings \$15k/);
      assert.match(answer, /e-mail’s credit is \$12\.5k of the \$180k/);
      const got = await answerValues(page);
      expectedAnswer(reference, 'Email').forEach((x, i) => close(got[i], x, `answer number ${i}`));

      // The one chart: fair share and switch-off credit per channel; the sentence says the naive ones double count.
      assert.equal(await page.locator('#credit-chart[role="img"]').count(), 1);
      assert.equal(await page.locator('#credit-chart g[data-mark="bar"] rect').count(), 2 * reference.players.length);
      const reading = await text(page, '#story-chart-reading');
      assert.match(reading, /switch-off credits add up to \$215k, more than the \$180k .*\$35k is counted twice/);

      // The analyst's table under Details, against the CLI at 1e-9 (data-value, not the rounded text).
      await assertTableMatches(page, reference);
      assert.equal(await text(page, footCell('gap', 'value')), '0');
      close(await exact(page, footCell('gap', 'leave-one-out')), reference.naive.leave_one_out_sum - reference.total, 'double counted');
      assert.notEqual(reference.naive.leave_one_out_sum, reference.total);

      // The waterfall (step 3): one bar for no channel, one per channel, one for all.
      assert.equal(await page.locator('#waterfall g[data-mark="bar"] rect').count(), reference.players.length + 2);
      // Every number's definition, as the core words it.
      const body = (await page.locator('body').textContent()).replace(/\s+/g, ' ');
      for (const definition of Object.values(reference.definitions)) assert.ok(body.includes(definition.replace(/\s+/g, ' ')), `shows: ${definition}`);
      assert.doesNotMatch(await page.locator('main').innerText(), /NaN|undefined|null/);
      assert.equal(new URL(page.url()).searchParams.get('game'), 'example');

      // A bad coalitions CSV (one coalition missing) names what is missing and keeps the results.
      const lines = fs.readFileSync(EXAMPLE, 'utf8').trim().split('\n');
      const bad = [...lines.slice(0, 4), ...lines.slice(5)].join('\n');
      const before = await updates(page);
      await page.setInputFiles('#file', { name: 'gappy.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
      await page.waitForFunction(() => document.querySelector('#message[data-kind="error"]')?.textContent.includes('gappy.csv'), null, { timeout: TIMEOUT });
      const message = await text(page, '#message');
      assert.match(message, /15 of the 16 coalitions are given; missing e\.g\. \{TV, Email\}/);
      assert.match(message, /previous choices and results are kept/);
      assert.equal(await updates(page), before, 'the answer did not change');
      close(await exact(page, cell('Search', 'value')), reference.players[0].value, 'Search kept');
      assert.equal(await page.locator('input[name="game"]:checked').getAttribute('value'), 'example');
      assert.equal(new URL(page.url()).searchParams.get('game'), 'example');
      assert.ok(!s.requests.some((url) => url.includes('gappy.csv')), 'the picked file is never requested or uploaded');
      await s.finish();
    });

    it('first screen at 1280×800: the answer, a chart, no long numbers; first numbers within 3 s of a cold load', async () => {
      // Machines are noisy: a missed bar is measured once more and the better of the two asserted.
      const times = [];
      for (let attempt = 0; attempt < 2; attempt++) {
        const s = await open('/shapley.html', { width: 1280, height: 800 });
        await s.page.waitForSelector('#answer[data-updates]', { timeout: TIMEOUT });
        times.push(Number(await s.page.locator('#answer').getAttribute('data-updated-at')));
        if (attempt === 0) {
          await s.page.waitForSelector('#credit-chart');
          const first = await firstScreen(s.page);
          assert.match(first.answer, /Without e-mail it would be/);
          assert.ok(first.charts >= 1, `charts in the first screen: ${first.charts}`);
          assert.deepEqual(first.tooLong, []);
        }
        await s.finish();
        if (times[0] < 3000) break;
      }
      console.log(`shapley cold load to first numbers: ${times.map((t) => `${Math.round(t)} ms`).join(', ')}`);
      assert.ok(Math.min(...times) < 3000, `cold load ${times.join(', ')} ms`);
    });

    it('"without X" answers in under 100 ms with no engine call, is kept in the URL and restored on reload', async () => {
      const s = await open('/shapley.html');
      const { page } = s;
      await page.waitForSelector('#answer[data-updates]', { timeout: TIMEOUT });
      const latencies = [];
      for (const name of ['TV', 'Search']) {
        const before = await updates(page);
        const t0 = await page.evaluate((n) => {
          const t = performance.now();
          const select = document.getElementById('without');
          select.value = n;
          select.dispatchEvent(new Event('change'));
          return t;
        }, name);
        await waitForUpdate(page, before);
        latencies.push(Number(await page.locator('#answer').getAttribute('data-updated-at')) - t0);
        assert.match(await text(page, '#answer'), new RegExp(`Without ${name === 'TV' ? 'TV' : 'search'} it would be`));
        const got = await answerValues(page);
        expectedAnswer(reference, name).forEach((x, i) => close(got[i], x, `${name}: answer number ${i}`));
        assert.equal(new URL(page.url()).searchParams.get('without'), name);
      }
      console.log(`shapley "without X" latency: ${latencies.map((t) => `${t.toFixed(1)} ms`).join(', ')}`);
      assert.ok(Math.min(...latencies) < 100 && latencies.every((t) => t < 100), `latency ${latencies.join(', ')} ms`);
      // The cards follow; the chosen channel's bars stand out.
      close(await exact(page, '#story-cards [data-kind="without"] .value'), reference.grand_coalition - reference.players[0].leave_one_out, 'without search card');
      await page.reload();
      await page.waitForSelector('#answer[data-updates]', { timeout: TIMEOUT });
      assert.equal(await page.locator('#without').inputValue(), 'Search');
      assert.match(await text(page, '#answer'), /Without search it would be \$190k/);
      await s.finish();
    });

    it('edited example values recompute (CLI on the same numbers), live in the URL, and a bad value names its coalition', async () => {
      const s = await open('/shapley.html');
      const { page } = s;
      await page.waitForSelector('#answer[data-updates]', { timeout: TIMEOUT });
      await page.click('#coalition-drawer summary');
      // E-mail alone (row 2 of the file: 0,0,0,1) from 115 to 175: e-mail is worth more.
      const edited = nativeEdited({ 1: 175 });
      let before = await updates(page);
      await page.fill('#coalition-0001', '175');
      await page.locator('#coalition-0001').dispatchEvent('change');
      await waitForUpdate(page, before);
      await assertTableMatches(page, edited.result);
      const got = await answerValues(page);
      expectedAnswer(edited.result, 'Email').forEach((x, i) => close(got[i], x, `edited answer number ${i}`));
      assert.match(await text(page, '#answer'), /e-mail alone brings \$75k/);
      // The cards set the edited numbers against the example's own (the baseline).
      const fairBefore = reference.players.find((p) => p.name === 'Email').value;
      const fairAfter = edited.result.players.find((p) => p.name === 'Email').value;
      assert.ok(fairAfter > fairBefore);
      assert.match(await text(page, '#story-cards [data-kind="fair"] .delta'), /^\+\$.*k \(\+.*%\) vs the baseline$/);
      assert.equal(new URL(page.url()).searchParams.get('values'), edited.values.join(','));

      // A bad value: the message names the coalition; the previous result (and the URL) stay.
      before = await updates(page);
      await page.fill('#coalition-1010', '');
      await page.locator('#coalition-1010').dispatchEvent('change');
      await page.waitForSelector('#message[data-kind="error"]');
      const message = await text(page, '#message');
      assert.match(message, /revenue with search \+ TV \{Search, TV\} is empty/);
      assert.match(message, /previous choices and results are kept/);
      assert.equal(await updates(page), before);
      await assertTableMatches(page, edited.result);
      assert.equal(new URL(page.url()).searchParams.get('values'), edited.values.join(','));
      assert.equal(await page.locator('#coalition-1010[aria-invalid]').count(), 1);

      // A link restores the edited numbers and their result.
      await page.goto(page.url());
      await page.waitForSelector('#answer[data-updates]', { timeout: TIMEOUT });
      await assertTableMatches(page, edited.result);
      assert.equal(await page.locator('#coalition-0001').inputValue(), '175');
      await page.waitForSelector('#story-cards [data-kind="fair"] .delta', { timeout: TIMEOUT }); // the baseline, computed in the background
      // Reset brings the example's own numbers back (and drops them from the URL).
      before = await updates(page);
      await page.click('#coalitions-reset');
      await waitForUpdate(page, before);
      await assertTableMatches(page, reference);
      assert.equal(new URL(page.url()).searchParams.get('values'), null);
      await s.finish();
    });

    it('phone width: no sideways scroll, the answer in the first 1.5 screens; axe-core clean with the drawers open', async () => {
      const layout = await narrowLayout(browser, `${server.origin}/shapley.html`);
      assert.ok(layout.overflow <= 0, `horizontal overflow ${layout.overflow}px`);
      assert.ok(layout.answerTop < 1.5, `answer starts at ${layout.answerTop} screens`);
      const s = await open('/shapley.html?interactions=1');
      const { page } = s;
      await page.waitForSelector('#interactions-table', { timeout: TIMEOUT, state: 'attached' });
      assert.deepEqual(await axeViolations(page), []);
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      assert.deepEqual(await axeViolations(page), []);
      await s.finish();
    });

    it('the glove guess: pick a split, reveal the engine’s values beside it (workshop mode)', async () => {
      const s = await open('/shapley.html?workshop=1');
      const { page } = s;
      await page.waitForSelector('#answer[data-updates]', { timeout: TIMEOUT });
      assert.equal(await page.locator('.workshop-bar').count(), 1);
      assert.equal(await page.locator('#glove-chart').count(), 0, 'nothing is revealed before the guess');
      await page.check('input[name="glove-guess"][value="half"]');
      await page.click('#glove-reveal');
      await page.waitForSelector('#glove-chart', { timeout: TIMEOUT });
      const values = await page.$$eval('#step-4 .reading .value', (spans) => spans.map((x) => Number(x.dataset.value)));
      close(values[0], 2 / 3, 'L');
      close(values[1], 1 / 6, 'R1 and R2');
      assert.match(await text(page, '#step-4 .reading'), /You guessed 0\.5 for L/);
      // From the guess to the game itself: the story now speaks about the glove owners.
      await page.click('#glove-open');
      await page.waitForFunction(() => document.getElementById('answer').textContent.includes('glove owners'), null, { timeout: TIMEOUT });
      assert.equal(new URL(page.url()).searchParams.get('game'), 'glove');
      assert.equal(new URL(page.url()).searchParams.get('workshop'), '1', 'the link stays a workshop link');
      await s.finish();
    });

    it('the DCM game: trained in the page on the simulated world, equal to the CLI with interactions and CSV; a wrong panel is a clear error', async () => {
      const ref = nativeDcm();
      const value = (name) => ref.result.players.find((p) => p.name === name).value;
      const s = await open('/shapley.html?game=dcm&source=sim&customers=300&weeks=8&world_seed=1&interactions=1');
      const { page } = s;
      await page.waitForSelector(cell('reminders', 'value'), { timeout: 60_000, state: 'attached' });
      close(await exact(page, cell('reminders', 'value')), value('reminders'), 'reminders');
      close(await exact(page, cell('discovery', 'value')), value('discovery'), 'discovery');
      assert.equal(await text(page, footCell('gap', 'value')), '0');
      assert.match(await text(page, '#answer'), new RegExp(`^With both channels total spend is .* Without ${ref.result.players[0].name} it would be`));
      const pair = ref.result.interactions[0];
      close(await exact(page, `#interactions-table tr[data-player="${pair.a}"] td[data-with="${pair.b}"] .value`), pair.value, 'interaction');
      const body = (await page.locator('body').textContent()).replace(/\s+/g, ' ');
      for (const definition of Object.values(ref.result.definitions)) assert.ok(body.includes(definition.replace(/\s+/g, ' ')), `shows: ${definition}`);
      assert.match(body, /only the channels in S active/);
      assert.doesNotMatch(await page.locator('main').innerText(), /NaN|undefined|null/);

      // CSV export at full precision: the CLI's numbers to 1e-9 relative (WASM and native agree to that).
      await page.click('#details-table summary');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
      const lines = fs.readFileSync(await download.path(), 'utf8').trim().split('\r\n');
      const names = ref.result.players.map((p) => p.name);
      assert.equal(lines[0], ['player', 'value', 'se', 'leave_one_out', 'alone', ...names.map((n) => `interaction_with_${n}`)].join(','));
      const row = lines.find((l) => l.startsWith(`${pair.a},`)).split(',');
      close(Number(row[1]), value(pair.a), 'exported value');
      assert.ok(Math.abs(Number(row[5 + names.indexOf(pair.b)]) - pair.value) <= 1e-9 * Math.abs(pair.value) + 1e-12, row.join(','));
      assert.equal(row[5 + names.indexOf(pair.a)], '', 'a player with itself has no interaction');

      // The user's files: a panel that is not the model's names what is wrong and keeps the results.
      await page.selectOption('#dcm-source', 'files');
      await page.setInputFiles('#dcm-model-file', ref.model);
      await page.setInputFiles('#dcm-panel-file', EXAMPLE);
      await page.waitForFunction(() => document.querySelector('#message[data-kind="error"]')?.textContent.includes('channels.csv'), null, { timeout: TIMEOUT });
      assert.match(await text(page, '#message'), /previous choices and results are kept/);
      close(await exact(page, cell('reminders', 'value')), value('reminders'), 'reminders kept');
      // The right pair: the CLI's values, players as single ES surrogates too.
      await page.setInputFiles('#dcm-model-file', ref.model);
      await page.setInputFiles('#dcm-panel-file', ref.panel);
      await page.waitForFunction(() => document.getElementById('summary')?.textContent.includes('model.json on panel.csv'), null, { timeout: TIMEOUT });
      close(await exact(page, cell('reminders', 'value')), value('reminders'), 'reminders from files');
      await page.selectOption('#dcm-players', 'features');
      await page.waitForSelector(cell('es_qa', 'value'), { timeout: TIMEOUT, state: 'attached' });
      assert.equal(await page.locator('#shapley-table tbody tr').count(), 3);
      await s.finish();
    });

    it('the glove game (1 left, 2 right) gives the textbook 2/3 and 1/6, kept in the URL; sampling can be cancelled', async () => {
      const s = await open('/shapley.html?game=glove');
      const { page } = s;
      await page.waitForSelector(cell('L', 'value'), { timeout: TIMEOUT, state: 'attached' });
      close(await exact(page, cell('L', 'value')), 2 / 3, 'L');
      close(await exact(page, cell('R1', 'value')), 1 / 6, 'R1');
      close(await exact(page, cell('R2', 'value')), 1 / 6, 'R2');
      assert.match(await text(page, '#answer'), /Without L it would be 0/);
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('left'), 'L');
      assert.equal(url.searchParams.get('right'), 'R1, R2');
      // Editing the parameters reruns: two left gloves against two right share equally.
      await page.fill('#left', 'L1, L2');
      await page.locator('#left').dispatchEvent('change');
      await page.waitForSelector(cell('L2', 'value'), { timeout: TIMEOUT, state: 'attached' });
      close(await exact(page, cell('L2', 'value')), 0.5, 'L2');
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
