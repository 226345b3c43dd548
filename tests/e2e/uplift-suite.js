// The uplift page in the browser, once per way of serving dist/:
// - opened from the home card on Hillstrom (T-learner, 2 folds): each arm's
//   numbers equal the native CLI's on the same data and options; the per-customer
//   CATE export has one row per input row with the CLI's --predict-out columns;
//   Cancel during a longer run keeps the results, and the engine works after it;
// - the bundled Starbucks test (T-learner, 2 folds) gives the CLI's numbers;
// - a small simulated world (1,000 rows, 3 folds, T and DR learners, the causal
//   forest answered as the CLI answers it): numbers and the exported CATE equal
//   the CLI's; the policy slider and the truth switch; a bad choice (outcome =
//   treatment) and a CSV with one arm show the core's message and keep the
//   results; no request leaves the origin.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dist, launchBrowser, offOriginRequests, openPage, root, sixDigits } from './support.js';

const TIMEOUT = 60_000;
const CLI = path.join(root, 'build/native/incrementa');
const HILLSTROM = path.join(root, 'data/hillstrom/hillstrom.csv');
const STARBUCKS = path.join(root, 'data/starbucks/training.csv');
const HILLSTROM_FEATURES = 'recency,history_segment,history,mens,womens,zip_code,newbie,channel';
const SIM = { rows: 1000, seed: 3 };

function nativeCli() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incrementa-uplift-'));
  const world = path.join(dir, 'world.csv');
  // The page's world: the CLI's defaults (5 features, heterogeneity 1, no confounding) with the truth columns.
  execFileSync(CLI, ['simulate', 'uplift', '--rows', String(SIM.rows), '--seed', String(SIM.seed), '--truth', '--out', world]);
  /** {json, predictions: {header, rows}} or {error} for `uplift` with these arguments. */
  const uplift = (args) => {
    const out = path.join(dir, 'predict.csv');
    fs.rmSync(out, { force: true });
    const run = spawnSync(CLI, ['uplift', ...args, '--predict-out', out], { encoding: 'utf8' });
    if (run.status !== 0) return { error: run.stderr.trim().replace(/^incrementa: /, '') };
    return { json: JSON.parse(run.stdout), predictions: readCsv(fs.readFileSync(out, 'utf8')) };
  };
  return { world, uplift, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Header and rows of a CSV whose fields need no quoting except the header's arm names. */
function readCsv(text) {
  const lines = text.split('\n').filter((l) => l !== '');
  const header = lines[0].match(/("([^"]|"")*"|[^,]+)/g).map((f) => f.replace(/^"|"$/g, ''));
  return { header, rows: lines.slice(1).map((l) => l.split(',').map(Number)) };
}

// Native and WASM agree to 1e-9 relative (the project's bar; only summation order may differ).
function assertClose(actual, expected, what) {
  const scale = Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= 1e-9 * scale, `${what}: page ${actual} vs CLI ${expected}`);
}

function assertSameCsv(page, cli, what) {
  assert.deepEqual(page.header, cli.header, `${what}: columns`);
  assert.equal(page.rows.length, cli.rows.length, `${what}: one row per input row`);
  for (let i = 0; i < cli.rows.length; i += 1) {
    for (let j = 0; j < cli.header.length; j += 1) assertClose(page.rows[i][j], cli.rows[i][j], `${what}: row ${i + 1}, ${cli.header[j]}`);
  }
}

const text = async (page, selector) => (await page.locator(selector).textContent()).trim();
const cell = (learner, kind) => `#comparison-table tr[data-learner="${learner}"] td[data-kind="${kind}"]`;
const METRICS = ['qini_sklift', 'qini_causalml', 'auuc_causalml', 'qini_area_over_random', 'uplift_area_over_random'];

/** The page's comparison row for `learner` shows the CLI's numbers (six significant digits). */
async function assertRowMatches(page, learner, r) {
  for (const key of METRICS) {
    const v = r.metrics[key];
    const shown = await text(page, cell(learner, key));
    if (v == null) assert.match(shown, /^n\/a/, `${learner} ${key}`);
    else assert.equal(shown, sixDigits(v), `${learner} ${key}`);
  }
  assert.equal(await text(page, cell(learner, 'ate')), `${sixDigits(r.ate_dr.estimate)} ± ${sixDigits(r.ate_dr.se)}`);
}

async function download(page, click) {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: TIMEOUT }), click()]);
  return readCsv(fs.readFileSync(await file.path(), 'utf8'));
}

/** @param {{label: string, startServer: () => Promise<{origin, close}>, variant: string}} mode */
export function upliftSuite({ label, startServer, variant }) {
  describe(`Uplift page, ${label}`, () => {
    let server;
    let browser;
    let cli;

    before(async () => {
      for (const file of ['uplift.html', 'data/hillstrom.csv', 'data/starbucks.csv']) {
        if (!fs.existsSync(path.join(dist, file))) throw new Error(`dist/${file} is missing: run scripts/build-wasm.sh and npm run build first`);
      }
      cli = nativeCli();
      server = await startServer();
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await server?.close();
      cli?.dispose();
    });

    it(`Hillstrom from the home card: both arms and the CATE export match the native CLI; Cancel keeps the results (WASM ${variant})`, async () => {
      const { context, page, requests, errors } = await openPage(browser);
      await page.goto(`${server.origin}/index.html`);
      // The home card opens the page; the test then narrows it to one fast learner (T, 2 folds) by link.
      await page.click('#card-uplift');
      await page.waitForURL(/uplift\.html/);
      await page.goto(`${server.origin}/uplift.html?data=hillstrom&learners=t&folds=2`);
      await page.waitForSelector('#comparison-table tr[data-learner="t"]', { timeout: TIMEOUT });
      await page.waitForSelector(`#engine-status[data-variant="${variant}"]`);
      const reference = cli.uplift(['--data', HILLSTROM, '--treatment', 'segment', '--control', 'No E-Mail', '--outcome', 'visit', '--features', HILLSTROM_FEATURES, '--learner', 't', '--folds', '2']);
      assert.ok(reference.json, reference.error);
      const [mens, womens] = reference.json.results;
      assert.equal(mens.arm, 'Mens E-Mail');
      assert.equal(await page.locator('#arm').inputValue(), 'Mens E-Mail');
      await assertRowMatches(page, 't', mens);
      await page.selectOption('#arm', 'Womens E-Mail');
      await page.waitForFunction(() => /Womens E-Mail vs No E-Mail/.test(document.querySelector('#comparison-table caption')?.textContent ?? ''));
      await assertRowMatches(page, 't', womens);
      assert.equal(new URL(page.url()).searchParams.get('arm'), 'Womens E-Mail');
      // Every metric names its definition, as the core words it.
      const body = (await page.locator('#results').textContent()).replace(/\s+/g, ' ');
      for (const key of ['ate_dr', 'qini_causalml', 'auuc_causalml', 'curves.qini', 'deciles', 'propensity.share_outside', 'policies.dr']) assert.ok(body.includes(reference.json.definitions[key]), `definition of ${key} shown`);
      assert.ok(!/NaN|undefined/.test(body), 'no NaN or undefined on screen');
      await page.waitForSelector('#chart svg');
      await page.waitForSelector('#deciles-chart svg');
      await page.waitForSelector('#overlap-chart svg');
      await page.waitForSelector('#cate-chart svg');
      assert.equal(await text(page, '#share-outside'), 'Share outside [0.05, 0.95]: 0%');

      // The export: the CLI's --predict-out (row, cate, cate_<arm> per arm), one row per customer, in input order.
      const exported = await download(page, () => page.click('#export'));
      assertSameCsv(exported, reference.predictions, 'Hillstrom export');
      assert.deepEqual(exported.header, ['row', 'cate', 'cate_Mens E-Mail', 'cate_Womens E-Mail']);
      assert.equal(exported.rows.length, 64000);

      // Cancel during a longer run (four more learners): a message, and the results stay.
      const shownQini = await text(page, cell('t', 'qini_causalml'));
      for (const l of ['s', 'x', 'r', 'dr']) await page.check(`input[name="learner"][value="${l}"]`);
      await page.waitForFunction(() => /learner/i.test(document.querySelector('#progress-text')?.textContent ?? ''), null, { timeout: TIMEOUT });
      await page.click('#cancel');
      await page.waitForSelector('#message[data-kind="info"]:not([hidden])');
      assert.match(await text(page, '#message'), /Cancelled/);
      assert.equal(await text(page, cell('t', 'qini_causalml')), shownQini);
      assert.equal(await page.locator('#comparison-table tbody tr').count(), 1);

      // The restarted engine runs the next analysis: the simulated world.
      for (const l of ['s', 'x', 'r', 'dr']) await page.uncheck(`input[name="learner"][value="${l}"]`);
      await page.waitForSelector('#message', { state: 'hidden', timeout: TIMEOUT }); // T alone: the kept answer
      await page.check('input[name="data"][value="sim"]');
      await page.waitForFunction(() => /Simulated world/.test(document.querySelector('#summary')?.textContent ?? '') && document.body.dataset.busy === 'false', null, { timeout: TIMEOUT });
      assert.equal(await page.locator('#message').isVisible(), false);
      assert.equal(await page.locator('#truth-block').isVisible(), true);

      assert.deepEqual(offOriginRequests(requests, server.origin), []);
      assert.deepEqual(errors, []);
      await context.close();
    });

    it(`the bundled Starbucks test: served copy, defaults (control 'No', ID left out) and citation; T-learner matches the CLI (WASM ${variant})`, async () => {
      const { context, page, requests, errors } = await openPage(browser);
      await page.goto(`${server.origin}/uplift.html?data=starbucks&learners=t&folds=2`);
      await page.waitForSelector('#comparison-table tr[data-learner="t"]', { timeout: TIMEOUT });
      const reference = cli.uplift(['--data', STARBUCKS, '--treatment', 'Promotion', '--control', 'No', '--outcome', 'purchase', '--features', 'V1,V2,V3,V4,V5,V6,V7', '--learner', 't', '--folds', '2']);
      assert.ok(reference.json, reference.error);
      await assertRowMatches(page, 't', reference.json.results[0]);
      assert.equal(new URL(page.url()).searchParams.get('features'), 'V1,V2,V3,V4,V5,V6,V7');
      assert.equal(await page.locator('#citation-starbucks').isVisible(), true);
      assert.match(await text(page, '#citation-starbucks'), /Udacity[\s\S]*No data licence is stated/);
      assert.equal(await page.locator('#arm-picker').isVisible(), false, 'one arm: no arm picker');
      assert.deepEqual(offOriginRequests(requests, server.origin), []);
      assert.deepEqual(errors, []);
      await context.close();
    });

    it(`a simulated world matches the CLI, the slider and the truth redraw without a re-run, bad choices keep the results (WASM ${variant})`, async () => {
      const { context, page, requests, errors } = await openPage(browser);
      await page.goto(`${server.origin}/uplift.html?data=sim&rows=${SIM.rows}&wseed=${SIM.seed}&folds=3&learners=t,dr,causal_forest`);
      await page.waitForSelector('#comparison-table tr[data-learner="causal_forest"]', { timeout: TIMEOUT });
      // The page asks for the truth on a simulated world (true_cate); so does the CLI where it knows the option.
      const truthArgs = execFileSync(CLI, ['uplift', '--help'], { encoding: 'utf8' }).includes('--true-cate') ? ['--true-cate', 'true_cate'] : [];
      const args = ['--data', cli.world, '--treatment', 'w', '--outcome', 'y', '--features', 'x1,x2,x3,x4,x5', '--folds', '3', ...truthArgs];
      const t = cli.uplift([...args, '--learner', 't']);
      const dr = cli.uplift([...args, '--learner', 'dr']);
      await assertRowMatches(page, 't', t.json.results[0]);
      await assertRowMatches(page, 'dr', dr.json.results[0]);
      // The causal forest: the CLI's numbers where it is built, else the core's message in its row and the
      // other learners still shown.
      const forest = cli.uplift([...args, '--learner', 'causal_forest']);
      if (forest.error) {
        assert.equal(await page.locator('#comparison-table tr[data-learner="causal_forest"]').getAttribute('data-failed'), 'true');
        assert.equal(await text(page, '#comparison-table tr[data-learner="causal_forest"] td'), forest.error);
        assert.match(await text(page, '#message'), /1 of 3 learners could not run/);
      } else await assertRowMatches(page, 'causal_forest', forest.json.results[0]);

      // The export of the learner shown (T): the CLI's column, one row per input row.
      await page.selectOption('#view-learner', 't');
      const exported = await download(page, () => page.click('#export'));
      assertSameCsv(exported, t.predictions, 'simulated world export');
      assert.equal(exported.rows.length, SIM.rows);

      // The policy slider reads the core's policy curve (no re-run); older cores say n/a.
      const runTime = await page.locator('#run-time').getAttribute('data-ms');
      await page.selectOption('#view-learner', 'dr');
      const d = dr.json.results[0];
      const curve = d.policy_curve;
      if (curve) {
        await page.locator('#policy-slider').fill('50');
        await page.waitForFunction(() => /^50%/.test(document.querySelector('#policy-out')?.textContent ?? ''));
        const i = curve.share.findIndex((x) => Math.abs(x - 0.5) < 1e-12);
        assert.equal(await text(page, '#policy-readout [data-kind="gain"] .big'), sixDigits(curve.dr_gain[i]));
        assert.equal(new URL(page.url()).searchParams.get('share'), '50');
      } else assert.match(await text(page, '#policy-none'), /n\/a/);
      // The truth (teaching view): the core's √PEHE and true policy gain, never a number computed on the page.
      await page.check('#truth');
      if (d.truth) {
        await page.waitForSelector('#truth-cards [data-kind="pehe"]');
        assert.equal(await text(page, '#truth-cards [data-kind="pehe"] .big'), sixDigits(d.truth.pehe_sqrt));
        assert.equal(await text(page, '#truth-cards [data-kind="correlation"] .big'), sixDigits(d.truth.correlation));
        if (curve?.true_gain) {
          const i = curve.share.findIndex((x) => Math.abs(x - 0.5) < 1e-12);
          assert.equal(await text(page, '#policy-readout [data-kind="true-gain"] .big'), sixDigits(curve.true_gain[i]));
        }
      } else await page.waitForSelector('#truth-none');
      assert.equal(new URL(page.url()).searchParams.get('truth'), '1');
      assert.equal(await page.locator('#run-time').getAttribute('data-ms'), runTime, 'not re-run');

      // A bad choice: the outcome is the treatment. The core's message; the results stay.
      const shownQini = await text(page, cell('t', 'qini_causalml'));
      await page.selectOption('#outcome', 'w');
      await page.waitForSelector('#message[data-kind="error"]:not([hidden])', { timeout: TIMEOUT });
      assert.match(await text(page, '#message'), /the treatment and the outcome must be different columns/);
      assert.equal(await text(page, cell('t', 'qini_causalml')), shownQini);

      // Back to the outcome y (its answers run again), then a CSV with one arm: the core's message names it; the results stay.
      await page.selectOption('#outcome', 'y');
      await page.waitForFunction(() => !/different columns/.test(document.querySelector('#message')?.textContent ?? '') && document.body.dataset.busy === 'false', null, { timeout: TIMEOUT });
      const rows = ['x1,x2,w,y', ...Array.from({ length: 40 }, (_, i) => `${i % 7},${(i * 3) % 5},1,${i % 2}`)];
      await page.setInputFiles('#file', { name: 'one-arm.csv', mimeType: 'text/csv', buffer: Buffer.from(`${rows.join('\n')}\n`) });
      await page.waitForFunction(() => /one-arm\.csv/.test(document.querySelector('#message')?.textContent ?? ''), null, { timeout: TIMEOUT });
      assert.match(await text(page, '#message'), /treatment 'w' has a single value \('1'\)/);
      assert.equal(await text(page, cell('t', 'qini_causalml')), shownQini);
      assert.equal(await page.locator('#results').isVisible(), true);

      const body = (await page.locator('#results').textContent()).replace(/\s+/g, ' ');
      assert.ok(!/NaN|undefined/.test(body), 'no NaN or undefined on screen');
      assert.deepEqual(offOriginRequests(requests, server.origin), []);
      assert.deepEqual(errors, []);
      await context.close();
    });
  });
}
