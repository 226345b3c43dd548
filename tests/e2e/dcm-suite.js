// The DCM page in the browser, once per way of serving dist/: opened from the home card, the default
// simulated world (500 customers × 10 weeks, seed 1, bootstrap 20) trained and scored like the native
// CLI on the same world, config and shock (e-mail reminders switched off from week 1), compared through
// data-value at 1e-9; the story's first screen (answer sentence, chart, no long numbers), the phone
// layout and axe-core; switching another channel off or other weeks re-scores without retraining (its
// latency printed and bounded); the with/without same-period comparison; a bad config JSON, an unknown
// column, a duplicate customer-week and a bad weeks window that show a message and keep the results; the
// naive users-vs-non-users figure, guess-then-reveal (the CLI's 'dcm truth') in workshop mode; renamed
// channels kept in the URL and restored on reload; the Online Retail source trained like the CLI on the
// shipped file; the cold load to first numbers; and no request off the origin.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { axeViolations, dist, firstScreen, launchBrowser, narrowLayout, offOriginRequests, openPage, root } from './support.js';

const TIMEOUT = 30_000;
const CLI = path.join(root, 'build/native/incrementa');
const RESCORE_BAR_MS = 300; // a re-score is one engine call on the kept model (no refit)
const COLD_BAR_MS = 3000;
// The page's defaults: the world's config (src/sim/dcm_world.cpp), bootstrap 20 (seed 1), e-mail reminders zeroed from week 1.
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
const ES = ['es_reorder', 'es_recs', 'es_qa'];
const REMINDERS = { shocks: [{ surrogates: ['es_reorder'], type: 'zero', value: 0, from: 1 }] };
const ALL_3_TO_5 = { shocks: [{ surrogates: ES, type: 'zero', value: 0, from: 3, to: 5 }] };

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

const text = async (page, selector) => (await page.locator(selector).first().textContent()).replace(/\s+/g, ' ').trim();
/** The exact number behind a rounded one (kit/story.js value()). */
const exact = async (page, selector, attribute = 'data-value') => Number(await page.locator(selector).first().getAttribute(attribute));
const close = (a, b, what) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: page ${a}, CLI ${b}`);
const ANSWER_LOST = '#answer [data-kind="incremental"]';

/** Waits until the answer's exact incremental spend is the CLI's, with its 95% range (not pending) and everything under it drawn. */
async function waitForIncremental(page, expected) {
  await page.waitForFunction(
    ([sel, x]) => {
      if (document.getElementById('answer').dataset.pending || document.querySelector('main').dataset.rendering) return false;
      const v = Number(document.querySelector(sel)?.dataset.incremental);
      return Math.abs(v - x) <= 1e-9 * Math.max(1, Math.abs(x));
    },
    [ANSWER_LOST, expected],
    { timeout: TIMEOUT },
  );
}

async function checkTotals(page, reference, what) {
  close(await exact(page, ANSWER_LOST, 'data-incremental'), reference.total.incremental, `${what}: incremental`);
  const [lo, hi] = reference.total.incremental_ci;
  close(await exact(page, '#answer [data-kind="ci-lo"]'), lo, `${what}: 95% range low end`);
  close(await exact(page, '#answer [data-kind="ci-hi"]'), hi, `${what}: 95% range high end`);
  close(await exact(page, '#answer [data-kind="share"]'), -reference.total.incremental / reference.total.baseline, `${what}: share`);
  close(await exact(page, '#headline [data-kind="baseline"] .value'), reference.total.baseline, `${what}: baseline`);
  close(await exact(page, '#headline [data-kind="incremental"] .ci', 'data-lo'), lo, `${what}: details range`);
}

/** Acts, then waits for the answer to change; returns ms from just before the act to the new answer. */
async function timedChange(page, act) {
  const before = await page.evaluate(() => ({ updates: Number(document.getElementById('answer').dataset.updates), t0: performance.now() }));
  await act();
  await page.waitForFunction((n) => Number(document.getElementById('answer').dataset.updates) > n, before.updates, { timeout: TIMEOUT });
  return (await page.evaluate(() => Number(document.getElementById('answer').dataset.updatedAt))) - before.t0;
}

const openAllDetails = (page) => page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));

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

    it(`opens from the home card with the answer first, matches the native CLI, re-scores a channel or weeks change without retraining and keeps the results on bad input (WASM ${variant})`, async () => {
      const { context, page, requests, errors } = await openPage(browser);
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`${server.origin}/index.html`);
      await page.click('#card-dcm');
      await page.waitForURL(/dcm\.html/);

      // The default world and shock (e-mail reminders off, all weeks): the CLI's numbers, in a sentence.
      const reference = world.score(CONFIG, REMINDERS);
      await waitForIncremental(page, reference.total.incremental);
      await page.waitForSelector(`#engine-status[data-variant="${variant}"]`);
      await checkTotals(page, reference, 'default');
      assert.match(await text(page, '#answer'), /^Without E-mail reminders in weeks 1–10, customers would have spent about \$[\d,.]+ (thousand |million )?less \(−[\d.]+%; 95% range \$[\d,]+ to \$[\d,]+\)\.$/);
      close(await exact(page, '#groups-table tr[data-group="reminders"] td[data-kind="incremental"] .value'), reference.groups.reminders.incremental, 'group reminders');
      const url = new URL(page.url()).searchParams;
      assert.deepEqual([url.get('customers'), url.get('weeks'), url.get('seed'), url.get('B'), url.get('shock')], ['500', '10', '1', '20', 'group:reminders,zero,0.5,1,']);
      // Friendly names, not column names, in the control and the answer.
      const options = await page.locator('#shock-target option').allTextContents();
      assert.ok(options.includes('E-mail reminders') && options.includes('Product recommendations'), options.join(' | '));
      assert.ok(!options.some((o) => /es_/.test(o)), 'no internal names in the control');
      assert.doesNotMatch(await text(page, '.story'), /es_reorder|es_recs|es_qa/);

      // The first screen at 1280×800: the sentence, a chart, no long numbers.
      const first = await firstScreen(page);
      assert.ok(first.answer.length > 40, first.answer);
      assert.ok(first.charts >= 1, 'a chart in the first viewport');
      assert.deepEqual(first.tooLong, []);

      // The story chart: actual and without lines and the 95% band; the graph and the heatmap are drawn.
      assert.equal(await page.locator('#chart svg g[data-mark="line"] path').count(), 2);
      assert.equal(await page.locator('#chart svg g[data-mark="area"] path').count(), 1);
      assert.ok((await page.locator('#chart [role="img"]').getAttribute('aria-label')).length > 20, 'the chart has a text alternative');
      assert.ok((await page.locator('#heatmap svg g[data-mark="cell"] rect').count()) >= 6 * 8, 'one cell per target and regressor');
      assert.ok(await page.locator('#step-1 .step-chart svg').count());
      assert.ok(await page.locator('#step-2 .step-chart svg').count());
      assert.ok(await page.locator('#step-3 .step-chart svg').count());
      const body = (await page.locator('main').textContent()).replace(/\s+/g, ' ');
      for (const key of ['baseline', 'counterfactual', 'incremental', 'incremental_ci', 'share_of_100']) assert.ok(body.includes(reference.definitions[key]), `definition of ${key} shown`);
      assert.equal(await page.locator('#advanced').getAttribute('open'), null, 'the JSON config is behind Advanced');
      assert.equal(await page.locator('#config').isVisible(), false);

      // axe-core, with every drawer open.
      await openAllDetails(page);
      assert.deepEqual(await axeViolations(page), []);

      // With vs without same-period effects, for the shown shock: the lags-only model finds less.
      await page.click('#compare');
      await page.waitForSelector('#compare-table tr[data-model="without"]', { timeout: TIMEOUT });
      const without = world.score({ ...CONFIG, same_period: false }, REMINDERS);
      close(await exact(page, '#compare-table tr[data-model="with"] td[data-kind="incremental"] .value'), reference.total.incremental, 'with same-period');
      close(await exact(page, '#compare-table tr[data-model="without"] td[data-kind="incremental"] .value'), without.total.incremental, 'without same-period');

      // Another channel: re-scored, not retrained, within the bar.
      const trainTime = await page.locator('#train-time').getAttribute('data-ms');
      const all = world.score(CONFIG, { shocks: [{ surrogates: ES, type: 'zero', value: 0, from: 1 }] });
      const ms = await timedChange(page, () => page.selectOption('#shock-target', 'all'));
      await waitForIncremental(page, all.total.incremental);
      await checkTotals(page, all, 'all channels');
      // Machines are noisy: where the bar is missed once, measure once more and assert the better of the two.
      let best = ms;
      if (best >= RESCORE_BAR_MS) {
        await timedChange(page, () => page.selectOption('#shock-target', 'group:reminders'));
        best = Math.min(best, await timedChange(page, () => page.selectOption('#shock-target', 'all')));
      }
      console.log(`DCM (${variant}) channel switch → new answer: ${ms.toFixed(1)} ms (best ${best.toFixed(1)} ms, bar ${RESCORE_BAR_MS} ms)`);
      assert.ok(best < RESCORE_BAR_MS, `re-score took ${best} ms`);
      assert.equal(await page.locator('#train-time').getAttribute('data-ms'), trainTime, 'not retrained');
      assert.match(await text(page, '#score-time'), /Scored the kept model in \d+ ms \(no retraining\)/);
      assert.equal(new URL(page.url()).searchParams.get('shock'), 'all,zero,0.5,1,');

      // Other weeks: 3 to 5, the effect counted on to the last week.
      const weeks = world.score(CONFIG, ALL_3_TO_5);
      const setWeeks = (from, to) =>
        page.evaluate(([f, t]) => {
          document.getElementById('shock-from').value = f;
          document.getElementById('shock-to').value = t;
          document.getElementById('shock-from').dispatchEvent(new Event('change'));
        }, [from, to]);
      const weeksMs = await timedChange(page, () => setWeeks('3', '5'));
      await waitForIncremental(page, weeks.total.incremental);
      await checkTotals(page, weeks, 'weeks 3–5');
      console.log(`DCM (${variant}) weeks change → new answer: ${weeksMs.toFixed(1)} ms`);
      assert.match(await text(page, '#answer'), /^Without all 3 channels together in weeks 3–5, customers would have spent about \$[\d,.]+ less over weeks 3–10/);
      assert.equal(await page.locator('#train-time').getAttribute('data-ms'), trainTime, 'not retrained');
      // The baseline card compares with the first view (e-mail reminders, all weeks).
      assert.match(await text(page, '#cards [data-kind="lost"] .delta'), /vs the baseline/);

      // A window that ends before it starts: a message naming the fields, and the results stay.
      const shown = await text(page, '#answer');
      await setWeeks('3', '2');
      await page.waitForSelector('#message[data-kind="error"]:not([hidden])', { timeout: TIMEOUT });
      assert.match(await text(page, '#message'), /“To week” \(2\) is before “From week” \(3\)/);
      assert.equal(await text(page, '#answer'), shown);
      await timedChange(page, () => setWeeks('3', '5'));
      assert.equal(await text(page, '#answer'), shown);

      // A bad config JSON (behind Advanced): a message, and the results stay.
      await page.fill('#config', '{"outcome": "spend",');
      await page.click('#run');
      await page.waitForFunction(() => /not valid JSON/.test(document.querySelector('#message')?.textContent ?? ''), null, { timeout: TIMEOUT });
      assert.equal(await page.locator('#message').getAttribute('data-kind'), 'error');
      assert.equal(await text(page, '#answer'), shown);
      close(await exact(page, ANSWER_LOST, 'data-incremental'), weeks.total.incremental, 'kept after a bad config');

      // An unknown column: the core's message names it, and the results stay.
      await page.fill('#config', JSON.stringify({ ...CONFIG, outcome: 'revenue' }));
      await page.click('#run');
      await page.waitForFunction(() => /revenue/.test(document.querySelector('#message')?.textContent ?? ''), null, { timeout: TIMEOUT });
      assert.equal(await page.locator('#message').getAttribute('data-kind'), 'error');
      assert.equal(await text(page, '#answer'), shown);

      // A panel CSV with a customer-week twice: the message names the file and the row, and the results stay.
      await page.fill('#config', JSON.stringify(CONFIG));
      const rows = ['customer,week,x1,x2,browse,orders,es_reorder,es_recs,es_qa,spend', '1,1,0.5,1,1,1,1,1,1,10', '1,2,0.5,1,1,1,1,1,1,12', '1,2,0.5,1,1,1,1,1,1,12', '2,1,0.1,0,1,1,0,0,0,5', '2,2,0.1,0,1,1,0,0,0,6'];
      await page.setInputFiles('#file', { name: 'dupes.csv', mimeType: 'text/csv', buffer: Buffer.from(`${rows.join('\n')}\n`) });
      await page.waitForFunction(() => /dupes\.csv/.test(document.querySelector('#message')?.textContent ?? ''), null, { timeout: TIMEOUT });
      assert.match(await text(page, '#message'), /customer '1' has period 2 twice/);
      assert.equal(await text(page, '#answer'), shown);
      assert.doesNotMatch(await text(page, 'main'), /\bNaN\b|\bundefined\b|\bnull\b/);

      // Cancel a long bootstrap: the numbers on screen stay, and a re-score still works on the engine (kept in simd-threads, restarted in simd).
      await page.fill('#bootstrap', '5000');
      await page.locator('#bootstrap').dispatchEvent('change');
      await page.waitForSelector('#cancel:not([disabled])', { timeout: TIMEOUT });
      await page.click('#cancel');
      await page.waitForFunction(() => /Cancelled/.test(document.querySelector('#message')?.textContent ?? ''), null, { timeout: TIMEOUT });
      assert.ok(Number.isFinite(await exact(page, ANSWER_LOST, 'data-incremental')), 'the answer keeps its numbers');
      const reminders35 = world.score(CONFIG, { shocks: [{ surrogates: ['es_reorder'], type: 'zero', value: 0, from: 3, to: 5 }] });
      await page.selectOption('#shock-target', 'group:reminders');
      await page.waitForFunction((x) => Math.abs(Number(document.querySelector('#answer [data-kind="incremental"]')?.dataset.incremental) - x) <= 1e-9 * Math.abs(x), reminders35.total.incremental, { timeout: TIMEOUT });

      assert.deepEqual(offOriginRequests(requests, server.origin), []);
      assert.deepEqual(errors, []);
      await context.close();
    });

    it(`in workshop mode: the naive comparison, guess then reveal the truth, renamed channels kept over a reload, and Online Retail like the CLI (WASM ${variant})`, async () => {
      const { context, page, requests, errors } = await openPage(browser);
      await page.goto(`${server.origin}/dcm.html?workshop=1`);
      const reference = world.score(CONFIG, REMINDERS);
      await waitForIncremental(page, reference.total.incremental);
      assert.ok(await page.locator('.workshop-bar').count(), 'the workshop bar is shown');
      assert.equal(await page.locator('input[name="data"][value="sim"]').isChecked(), true, 'workshop mode starts on the simulated world');

      // Step 3 and its table: the naive users-vs-non-users figure is the core's, with its definition.
      close(await exact(page, '#step-3 [data-kind="naive"]'), reference.naive.incremental, 'naive (step 3)');
      close(await exact(page, '#naive-table tr[data-row="naive"] td[data-kind="incremental"] .value'), reference.naive.incremental, 'naive (table)');
      assert.ok((await page.locator('#naive-out').textContent()).replace(/\s+/g, ' ').includes(reference.definitions.naive));
      assert.equal(await page.locator('#truth-table').count(), 0, 'the truth is hidden until revealed');
      assert.equal(await page.locator('#step-4 [data-kind="truth"]').count(), 0);

      // Guess first, then reveal: the world's true value per channel and in total, as the CLI computes it.
      assert.match(await text(page, '#guess-question'), /How much spend do you think E-mail reminders brings/);
      const truth = world.truth(REMINDERS);
      await page.fill('#guess', '50000');
      await page.locator('#guess').dispatchEvent('change');
      await page.click('#reveal');
      await page.waitForSelector('#step-4 [data-kind="truth"]', { timeout: TIMEOUT });
      close(await exact(page, '#step-4 [data-kind="truth"]'), truth.total.incremental, 'truth (step 4)');
      close(await exact(page, '#step-4 [data-kind="model"]'), reference.total.incremental, 'model (step 4)');
      assert.equal(await exact(page, '#step-4 [data-kind="guess"]'), 50000);
      assert.ok(await page.locator('#step-4 .step-chart svg').count(), 'guess, model, naive and truth drawn');
      close(await exact(page, '#truth-table tr[data-group="total"] td[data-kind="truth"] .value'), truth.total.incremental, 'truth total');
      close(await exact(page, '#truth-table tr[data-group="reminders"] td[data-kind="truth"] .value'), truth.groups.reminders.incremental, 'truth reminders');
      close(await exact(page, '#naive-table tr[data-row="truth"] td[data-kind="incremental"] .value'), truth.total.incremental, 'truth in naive table');
      assert.match(await text(page, '#truth-table tr[data-group="total"] td[data-kind="covers"]'), /^(yes|no)$/);
      let query = new URL(page.url()).searchParams;
      assert.deepEqual([query.get('truth'), query.get('guess'), query.get('workshop')], ['1', '50000', '1']);

      // Rename a channel in the settings: the control, the answer and the link use the new name.
      await page.fill('#names-editor input[data-key="es_reorder"]', 'Weekly e-mail');
      await page.locator('#names-editor input[data-key="es_reorder"]').dispatchEvent('change');
      await page.waitForFunction(() => /^Without Weekly e-mail in weeks/.test(document.getElementById('answer').textContent), null, { timeout: TIMEOUT });
      assert.ok((await page.locator('#shock-target option').allTextContents()).includes('Weekly e-mail'));
      assert.deepEqual(JSON.parse(new URL(page.url()).searchParams.get('names')), { es_reorder: 'Weekly e-mail' });

      // A reload restores the same view: the names, the guess and the revealed truth.
      const shown = await text(page, '#answer');
      await page.reload();
      await page.waitForSelector('#step-4 [data-kind="truth"]', { timeout: TIMEOUT });
      await page.waitForFunction(() => document.getElementById('answer').dataset.pending === '' && !document.querySelector('main').dataset.rendering, null, { timeout: TIMEOUT });
      assert.equal(await text(page, '#answer'), shown);
      assert.equal(await exact(page, '#step-4 [data-kind="guess"]'), 50000);
      assert.equal(await page.inputValue('#names-editor input[data-key="es_reorder"]'), 'Weekly e-mail');

      // Online Retail (UCI): the source is cited, the config is the shipped one, the default shock is Christmas
      // products from the first panel week (9), and the numbers are the CLI's on the shipped file.
      await page.check('input[name="data"][value="retail"]');
      await page.waitForFunction(() => /Online Retail/.test(document.querySelector('#summary')?.textContent ?? ''), null, { timeout: TIMEOUT });
      assert.equal(await page.locator('#retail-source').isVisible(), true);
      assert.match(await text(page, '#retail-source'), /CC BY 4\.0/);
      assert.equal(await page.locator('#guess-area').isVisible(), false, 'no truth to guess on real data');
      assert.match(await text(page, '#data-note'), /no marketing channels/);
      const shipped = JSON.parse(fs.readFileSync(path.join(root, 'data/online-retail/config.json'), 'utf8'));
      assert.deepEqual(JSON.parse(await page.inputValue('#config')), shipped);
      const seasonal = { shocks: [{ surrogates: ['lines_christmas'], type: 'zero', value: 0, from: 9 }] };
      const retail = world.retail(seasonal);
      await waitForIncremental(page, retail.total.incremental);
      await checkTotals(page, retail, 'Online Retail');
      assert.match(await text(page, '#answer'), /^Without Christmas products in weeks 9–53, customers would have spent about £/);
      close(await exact(page, '#naive-table tr[data-row="naive"] td[data-kind="incremental"] .value'), retail.naive.incremental, 'retail naive');
      query = new URL(page.url()).searchParams;
      assert.equal(query.get('data'), 'retail');
      assert.equal(query.get('workshop'), '1', 'the link stays a workshop link');

      // Download model JSON: the fitted model, as 'dcm score --model' and the Shapley page read it.
      await openAllDetails(page);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-model')]);
      const model = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
      assert.equal(model.format, 'incrementa-dcm');
      assert.equal(model.customers, 1214);
      assert.deepEqual(model.config.groups, shipped.groups);
      assert.deepEqual(await axeViolations(page), []);

      assert.deepEqual(offOriginRequests(requests, server.origin), []);
      assert.deepEqual(errors, []);
      await context.close();
    });

    it(`shows first numbers within ${COLD_BAR_MS} ms of a cold load (WASM ${variant})`, async () => {
      const cold = async () => {
        const { context, page, errors } = await openPage(browser);
        await page.goto(`${server.origin}/dcm.html`);
        await page.waitForSelector('#answer[data-updates]', { timeout: TIMEOUT });
        const ms = await page.evaluate(() => Number(document.getElementById('answer').dataset.updatedAt));
        assert.deepEqual(errors, []);
        await context.close();
        return ms;
      };
      const firstTry = await cold();
      // Machines are noisy: where the bar is missed once, measure once more and assert the better of the two.
      const best = firstTry < COLD_BAR_MS ? firstTry : Math.min(firstTry, await cold());
      console.log(`DCM (${variant}) cold load → first numbers: ${firstTry.toFixed(0)} ms (best ${best.toFixed(0)} ms, bar ${COLD_BAR_MS} ms)`);
      assert.ok(best < COLD_BAR_MS, `first numbers after ${best} ms`);
    });

    it(`fits a phone: no sideways scroll, the answer within 1.5 screens (WASM ${variant})`, async () => {
      const layout = await narrowLayout(browser, `${server.origin}/dcm.html`);
      assert.ok(layout.overflow <= 0, `horizontal overflow ${layout.overflow}px at 390 px`);
      assert.ok(layout.answerTop < 1.5, `the answer starts ${layout.answerTop} screens down`);
    });
  });
}
