// The budget page in the browser, once per way of serving dist/: opened from the home card, its default
// plan (the baseline) against the native CLI on the same world and options; the budget what-if (number
// box, presets) within 300 ms, its answer against the baseline and the CLI; offer costs edited in the
// simulated world; the overspend warning and its one-click fix; the reason an offer gets nobody, checked
// against the CLI; a reload restoring the view; a bad CSV (probability 1.5) that names line and column and
// leaves the plan; the first screen, the phone layout, axe-core, the guess-then-reveal moment, cold load.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { axeViolations, dist, firstScreen, launchBrowser, narrowLayout, offOriginRequests, openPage, root } from './support.js';

const TIMEOUT = 30_000;
const BAR_MS = 300; // budget number box / preset → updated cards (issue 12)
const COLD_MS = 3000;
const CLI = path.join(root, 'build/native/incrementa');
// The page's defaults: 20,000 customers, seed 1, 3 levels, budget 5000, no ROI floor.
const offersWith = (costs = [15, 30, 45], value = 40) => ({
  base: 'p0',
  value_per_conversion: value,
  offers: costs.map((c, i) => ({ name: `${5 * (i + 1)}%`, column: `p${5 * (i + 1)}`, cost_per_conversion: c })),
});

function nativeWorld() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incrementa-budget-'));
  const csv = path.join(dir, 'travel.csv');
  execFileSync(CLI, ['simulate', 'travel', '--rows', '20000', '--seed', '1', '--levels', '3', '--out', csv]);
  let n = 0;
  const budget = (b, { offers = offersWith(), quantile, data = csv } = {}) => {
    const file = path.join(dir, `offers-${++n}.json`);
    fs.writeFileSync(file, JSON.stringify(offers));
    const args = ['budget', '--data', data, '--offers', file, '--budget', String(b), '--frontier', '0'];
    if (quantile) args.push('--cost-quantile', String(quantile));
    return JSON.parse(execFileSync(CLI, args, { encoding: 'utf8' }));
  };
  return { csv, budget, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const close = (a, b, what) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: page ${a}, CLI ${b}`);
const text = async (page, selector) => (await page.locator(selector).first().textContent()).replace(/\s+/g, ' ').trim();
const exact = async (page, selector) => Number(await page.locator(selector).first().getAttribute('data-value'));
const card = (kind) => `#cards [data-kind="${kind}"] .big .value`;
const updates = (page) => page.evaluate(() => Number(document.getElementById('answer').dataset.updates ?? 0));

/** The plan's numbers on the page (exact values) against a CLI result. */
async function assertPlan(page, reference, what) {
  const p = reference.plan;
  close(await exact(page, card('conversions')), p.incremental_conversions, `${what}: extra bookings`);
  close(await exact(page, card('cost')), p.expected_cost, `${what}: cost`);
  close(await exact(page, card('roi')), p.roi, `${what}: ROI`);
  assert.equal(await exact(page, card('reach')), p.targeted, `${what}: customers reached`);
}

/**
 * Acts on the page (inside it, so t0 is the page's clock right before the act) and waits for the answer
 * to change; returns the milliseconds from the act to the updated answer and cards.
 */
async function timed(page, act, arg) {
  const n = await updates(page);
  const t0 = await page.evaluate(act, arg);
  await page.waitForFunction((k) => Number(document.getElementById('answer').dataset.updates) > k, n, { timeout: TIMEOUT });
  return Number(await page.locator('#answer').getAttribute('data-updated-at')) - t0;
}
const typeBudget = (x) => {
  const box = document.getElementById('budget');
  const t0 = performance.now();
  box.value = String(x);
  box.dispatchEvent(new Event('change', { bubbles: true }));
  return t0;
};
const pressPreset = (p) => {
  const t0 = performance.now();
  document.querySelector(`[data-field="budget"] .preset[data-preset="${p}"]`).click();
  return t0;
};

/** Cold load: navigation start → first answer, in ms (the page's own clock). */
async function coldLoad(browser, url) {
  const { context, page } = await openPage(browser);
  await page.goto(url);
  await page.waitForSelector('#answer[data-updates]', { timeout: TIMEOUT });
  const ms = Number(await page.locator('#answer').getAttribute('data-updated-at'));
  await context.close();
  return ms;
}

/** @param {{label: string, startServer: () => Promise<{origin, close}>, variant: string}} mode */
export function budgetSuite({ label, startServer, variant }) {
  describe(`Budget page, ${label}`, () => {
    let server;
    let browser;
    let world;

    before(async () => {
      if (!fs.existsSync(path.join(dist, 'budget.html'))) throw new Error('dist/budget.html is missing: run npm run build first');
      world = nativeWorld();
      server = await startServer();
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await server?.close();
      world?.dispose();
    });

    it(`answers the budget what-if against the baseline and the CLI, within ${BAR_MS} ms (WASM ${variant})`, async () => {
      const { context, page, requests, errors } = await openPage(browser);
      await page.goto(`${server.origin}/index.html`);
      await page.click('#card-budget');
      await page.waitForURL(/budget\.html/);

      // The default plan: the same numbers as the CLI on the same world; it is the baseline.
      await page.waitForSelector('#answer[data-updates] .value', { timeout: TIMEOUT });
      await page.waitForSelector(`#engine-status[data-variant="${variant}"]`);
      const reference = world.budget(5000);
      await assertPlan(page, reference, 'default plan');
      close(await exact(page, '#offer-table tr[data-row="total"] td[data-kind="cost"] .value'), reference.plan.expected_cost, 'plan table cost');
      assert.match(await text(page, '#answer'), /^A budget of \$5,000 buys about 173 extra bookings \(3,597 customers get an offer\); the ROI is 1\.38\.$/);
      assert.equal(new URL(page.url()).searchParams.get('budget'), '5000');

      // The first screen at 1280×800: the answer, a chart, no number over 4 significant digits.
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.waitForSelector('#chart svg'); // the story's chart is drawn in the frame after the numbers
      await page.waitForTimeout(100);
      const first = await firstScreen(page);
      assert.ok(first.answer.length > 20, `answer on the first screen: ${first.answer}`);
      assert.ok(first.charts >= 1, 'a chart on the first screen');
      assert.deepEqual(first.tooLong, [], 'no number with more than 4 significant digits on the first screen');

      // The frontier: three compared plans near the budget; the everyone points over the whole range.
      assert.equal(await page.locator('#chart svg g[data-mark="line"] path').count(), 3);
      await page.waitForSelector('#frontier-chart svg');
      assert.ok((await page.locator('#frontier-chart svg g[data-mark="dot"] path, #frontier-chart svg g[data-mark="dot"] circle').count()) > 10);
      assert.ok(await page.locator('#risk-chart svg').count(), 'the cost-risk chart is drawn');
      const body = (await page.locator('main').textContent()).replace(/\s+/g, ' ');
      for (const [key, definition] of Object.entries(reference.definitions)) {
        if (key === 'per_segment' || key === 'cost_quantile') continue; // shown only with a revealed segment / a quantile
        assert.ok(body.includes(definition.replace(/\s+/g, ' ')), `shows: ${definition}`);
      }
      assert.doesNotMatch(await page.locator('main').innerText(), /NaN|undefined|null|\[object/);

      // The overspend warning: the default plan has a 50% chance of costing more than the budget.
      assert.ok(reference.risk.p_exceed_budget > 0.2);
      assert.match(await text(page, '#story-warning'), /50% chance that this plan costs more than the \$5,000 budget/);

      // Why the 10% and 15% discounts get nobody: the page's "first gets customers" budget, checked with the CLI.
      for (const offer of ['10%', '15%']) {
        assert.equal(reference.plan.counts[offer], 0);
        const reason = `#nobody [data-offer="${offer}"]`;
        await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('once the budget reaches'), reason, { timeout: TIMEOUT });
        assert.match(await text(page, reason), new RegExp(`^Nobody gets the ${offer} discount: at this budget each extra booking it would buy costs more than one bought with the 5% discount`));
        const from = await exact(page, `${reason} [data-role="first-budget"]`);
        assert.ok(world.budget(from * 1.02).plan.counts[offer] > 0, `${offer} gets customers just above ${from}`);
        assert.equal(world.budget(from * 0.9).plan.counts[offer], 0, `${offer} gets nobody below ${from}`);
      }

      // The number box: the exact value typed is used; answer and cards against the baseline, < 300 ms.
      let ms = await timed(page, typeBudget, 4000);
      if (ms >= BAR_MS) {
        // a noisy machine: measure once more and keep the better of the two
        await timed(page, typeBudget, 4100);
        ms = Math.min(ms, await timed(page, typeBudget, 4000));
      }
      console.log(`budget number box → updated answer and cards: ${ms.toFixed(0)} ms`);
      assert.ok(ms < BAR_MS, `number box → cards took ${ms} ms`);
      const cut = world.budget(4000);
      await assertPlan(page, cut, 'budget 4000');
      const loss = Math.round(reference.plan.incremental_conversions - cut.plan.incremental_conversions);
      assert.match(await text(page, '#answer'), new RegExp(`^Cutting the budget from \\$5,000 to \\$4,000 loses about ${loss} bookings \\(−[\\d.]+%\\); ROI rises from 1\\.38 to 1\\.\\d+\\.$`));
      assert.match(await text(page, '#cards [data-kind="conversions"] .delta'), /^−[\d.,]+ bookings \(−\d+%\) vs the baseline$/);
      assert.equal(new URL(page.url()).searchParams.get('budget'), '4000');
      await timed(page, typeBudget, 4321.5);
      assert.equal(new URL(page.url()).searchParams.get('budget'), '4321.5');
      close(await exact(page, card('conversions')), world.budget(4321.5).plan.incremental_conversions, 'budget 4321.5 (as typed)');

      // Presets are relative to the baseline budget: +10% → 5500, < 300 ms.
      ms = await timed(page, pressPreset, '0.1');
      if (ms >= BAR_MS) {
        await timed(page, pressPreset, '-0.1');
        ms = Math.min(ms, await timed(page, pressPreset, '0.1'));
      }
      console.log(`budget preset → updated answer and cards: ${ms.toFixed(0)} ms`);
      assert.ok(ms < BAR_MS, `preset → cards took ${ms} ms`);
      assert.equal(await page.inputValue('#budget'), '5500');
      await assertPlan(page, world.budget(5500), 'budget 5500');
      assert.match(await text(page, '#answer'), /^Raising the budget from \$5,000 to \$5,500 adds about \d+ bookings \(\+[\d.]+%\)/);

      // Offer costs are editable in the simulated world: the 5% discount at 20 per booking.
      let n = await updates(page);
      await page.fill('#offers-rows tr[data-offer="5%"] .cpc', '20');
      await page.press('#offers-rows tr[data-offer="5%"] .cpc', 'Tab');
      await page.waitForFunction((k) => Number(document.getElementById('answer').dataset.updates) > k, n, { timeout: TIMEOUT });
      const edited = offersWith([20, 30, 45]);
      await assertPlan(page, world.budget(5500, { offers: edited }), 'edited 5% cost');
      assert.equal(JSON.parse(new URL(page.url()).searchParams.get('offers')).offers[0].cost_per_conversion, 20);

      // A cost that is not a number: a message naming the field; the plan on screen stays.
      const shownNow = await exact(page, card('conversions'));
      await page.fill('#offers-rows tr[data-offer="10%"] .cpc', 'abc');
      await page.press('#offers-rows tr[data-offer="10%"] .cpc', 'Tab');
      await page.waitForFunction(() => document.querySelector('#message[data-kind="error"]')?.textContent.includes('cost per booking'), null, { timeout: TIMEOUT });
      assert.match(await text(page, '#message'), /Offer '10%', cost per booking: 'abc' is not a number\./);
      assert.equal(await exact(page, card('conversions')), shownNow);
      n = await updates(page);
      await page.fill('#offers-rows tr[data-offer="10%"] .cpc', '30');
      await page.press('#offers-rows tr[data-offer="10%"] .cpc', 'Tab');
      await page.waitForFunction((k) => Number(document.getElementById('answer').dataset.updates) > k, n, { timeout: TIMEOUT });

      // "Plan to the 95% quantile": one click sets the option and re-solves; the warning goes.
      n = await updates(page);
      await page.click('#story-warning [data-fix="plan-95"]');
      await page.waitForFunction((k) => Number(document.getElementById('answer').dataset.updates) > k, n, { timeout: TIMEOUT });
      assert.equal(await page.inputValue('#quantile'), '0.95');
      const q95 = world.budget(5500, { offers: edited, quantile: 0.95 });
      await assertPlan(page, q95, 'planned to the 95% quantile');
      assert.ok(q95.risk.p_exceed_budget <= 0.05 + 1e-6);
      assert.equal(await page.locator('#story-warning .warning').count(), 0, 'no warning once the risk is small');

      // A reload restores the same view, the baseline included.
      const before95 = await text(page, '#answer');
      await page.reload();
      await page.waitForSelector('#answer[data-updates] .value', { timeout: TIMEOUT });
      await assertPlan(page, q95, 'after a reload');
      assert.equal(await text(page, '#answer'), before95);
      assert.equal(await page.inputValue('#budget'), '5500');
      assert.equal(await page.inputValue('#offers-rows tr[data-offer="5%"] .cpc'), '20');

      // "Pin this view": the answer now compares with it; −20% is of the pinned budget.
      await page.click('#pin-baseline');
      await page.waitForFunction(() => document.getElementById('answer').textContent.startsWith('A budget of $5,500'), null, { timeout: TIMEOUT });
      await timed(page, pressPreset, '-0.2');
      assert.equal(await page.inputValue('#budget'), '4400');
      assert.match(await text(page, '#answer'), /^Cutting the budget from \$5,500 to \$4,400 loses about/);

      // A bad CSV (a probability of 1.5 on line 3) names line and column; the plan stays.
      const kept = await exact(page, card('conversions'));
      const lines = fs.readFileSync(world.csv, 'utf8').trim().split('\n').slice(0, 6);
      const cells = lines[2].split(',');
      cells[4] = '1.5'; // p0
      lines[2] = cells.join(',');
      await page.setInputFiles('#file', { name: 'bad-probs.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
      await page.waitForFunction(() => document.querySelector('#message[data-kind="error"]')?.textContent.includes('bad-probs.csv'), null, { timeout: TIMEOUT });
      const message = await text(page, '#message');
      assert.match(message, /line 3, column 'p0': probability 1\.5 is outside \[0, 1\]/);
      assert.match(message, /previous choices and results are kept/);
      assert.equal(await exact(page, card('conversions')), kept);
      assert.equal(new URL(page.url()).searchParams.get('budget'), '4400');
      assert.equal(await page.locator('#chart svg g[data-mark="line"] path').count(), 3);
      assert.ok(!requests.some((url) => url.includes('bad-probs.csv')), 'the picked file is never requested or uploaded');

      // A good CSV of probabilities (the world's first 2,000 rows): planned with the offers editor, as the CLI does.
      const small = path.join(path.dirname(world.csv), 'small.csv');
      fs.writeFileSync(small, fs.readFileSync(world.csv, 'utf8').split('\n').slice(0, 2001).join('\n') + '\n');
      await page.setInputFiles('#file', small);
      await page.waitForFunction(() => document.querySelector('#summary')?.textContent.includes('small.csv'), null, { timeout: TIMEOUT });
      await assertPlan(page, world.budget(4400, { data: small, quantile: 0.95 }), 'a local CSV (still planned to the 95% quantile)');
      assert.match(await text(page, '#answer'), /^A budget of \$4,400 buys about/, 'a new file: its first plan is the new baseline');
      assert.equal(new URL(page.url()).searchParams.get('data'), 'local');

      assert.deepEqual(offOriginRequests(requests, server.origin), [], 'every request stays on the page origin');
      assert.deepEqual(errors, [], 'no uncaught errors in the page');
      await context.close();
    });

    it(`fits a phone, reveals the truth in workshop mode, exports the plan, passes axe-core and loads in under 3 s (WASM ${variant})`, async () => {
      const narrow = await narrowLayout(browser, `${server.origin}/budget.html`, '#risk-chart svg'); // every chart drawn
      assert.ok(narrow.overflow <= 0, `no horizontal scroll at 390 px (overflow ${narrow.overflow})`);
      assert.ok(narrow.answerTop < 1.5, `the answer starts within 1.5 screens (${narrow.answerTop})`);

      // Workshop mode: guess which customers should get a discount, then reveal the hidden kinds.
      const { context, page, errors } = await openPage(browser);
      await page.goto(`${server.origin}/budget.html?workshop=1`);
      await page.waitForSelector('#answer[data-updates] .value', { timeout: TIMEOUT });
      await page.waitForSelector('#kinds-chart svg');
      assert.ok(await page.locator('.workshop-bar').count(), 'the workshop bar is shown');
      assert.equal(await page.locator('#segment-table').count(), 0, 'the truth is held back until revealed');
      await page.selectOption('#guess-kind', 'books_anyway');
      await page.check('#truth');
      await page.waitForSelector('#guess-result:not([hidden])');
      const reveal = await text(page, '#guess-result');
      assert.match(reveal, /^The truth: the plan gives its offers to 3,597 of the 6,981 price-sensitive customers/);
      assert.match(reveal, /You guessed the customers who book anyway: the plan gives 0 of them an offer\./);
      assert.ok(await page.locator('#segment-table').count(), 'the truth table is in the details');
      assert.equal(new URL(page.url()).searchParams.get('workshop'), '1');

      // The plan's export: one row per customer with the offer it gets, as the CLI's --out writes it.
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
      const rows = fs.readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/);
      assert.equal(rows[0], 'row,offer');
      assert.equal(rows.length, 20_001);
      assert.equal(rows.filter((r) => r.endsWith(',5%')).length, world.budget(5000).plan.counts['5%']);

      // axe-core with the results shown and every Details drawer open.
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      assert.deepEqual(await axeViolations(page), [], 'axe-core: no critical or serious violations');
      assert.deepEqual(errors, [], 'no uncaught errors in the page');
      await context.close();

      // Cold load: a noisy machine gets a second measurement; the better one is asserted.
      let cold = await coldLoad(browser, `${server.origin}/budget.html`);
      if (cold >= COLD_MS) cold = Math.min(cold, await coldLoad(browser, `${server.origin}/budget.html`));
      console.log(`budget cold load → first numbers: ${cold.toFixed(0)} ms`);
      assert.ok(cold < COLD_MS, `cold load took ${cold} ms`);
    });
  });
}
