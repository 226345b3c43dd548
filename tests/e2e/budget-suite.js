// The budget page in the browser, once per way of serving dist/: opened from
// the home card, the default simulated plan against the native CLI on the
// same world and options, a budget-slider re-solve that keeps the plan within
// the budget, the frontier chart, a bad CSV (probability 1.5) that names line
// and column and leaves the plan, and no request off the origin.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dist, launchBrowser, offOriginRequests, openPage, root, sixDigits } from './support.js';

const TIMEOUT = 30_000;
const CLI = path.join(root, 'build/native/incrementa');
// The page's defaults: 20,000 customers, seed 1, 3 levels, budget 5000, no ROI floor.
const OFFERS = {
  base: 'p0',
  value_per_conversion: 40,
  offers: [
    { name: '5%', column: 'p5', cost_per_conversion: 15 },
    { name: '10%', column: 'p10', cost_per_conversion: 30 },
    { name: '15%', column: 'p15', cost_per_conversion: 45 },
  ],
};

function nativeWorld() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incrementa-budget-'));
  const csv = path.join(dir, 'travel.csv');
  const offers = path.join(dir, 'offers.json');
  execFileSync(CLI, ['simulate', 'travel', '--rows', '20000', '--seed', '1', '--levels', '3', '--out', csv]);
  fs.writeFileSync(offers, JSON.stringify(OFFERS));
  const budget = (b) => JSON.parse(execFileSync(CLI, ['budget', '--data', csv, '--offers', offers, '--budget', String(b), '--frontier', '0'], { encoding: 'utf8' }));
  return { csv, budget, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const text = async (page, selector) => (await page.locator(selector).textContent()).trim();
const CONVERSIONS = '#headline [data-kind="conversions"] .big';
const PLAN_COST = '#offer-table tr[data-row="total"] td[data-kind="cost"]';

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

    it(`opens from the home card, matches the native CLI, re-solves on the budget slider and keeps the plan on a bad CSV (WASM ${variant})`, async () => {
      const { context, page, requests, errors } = await openPage(browser);
      await page.goto(`${server.origin}/index.html`);
      await page.click('#card-budget');
      await page.waitForURL(/budget\.html/);

      // The default plan: the same incremental conversions as the CLI on the same world.
      const reference = world.budget(5000);
      const expected = sixDigits(reference.plan.incremental_conversions);
      await page.waitForFunction(([sel, t]) => document.querySelector(sel)?.textContent.trim() === t, [CONVERSIONS, expected], { timeout: TIMEOUT });
      await page.waitForSelector(`#engine-status[data-variant="${variant}"]`);
      assert.equal(await text(page, PLAN_COST), sixDigits(reference.plan.expected_cost));
      assert.equal(new URL(page.url()).searchParams.get('budget'), '5000');

      // The frontier: one line per compared plan, the everyone points and the plan marked.
      await page.waitForSelector('#chart svg');
      assert.equal(await page.locator('#chart svg g[aria-label="line"] path').count(), 3);
      assert.ok((await page.locator('#chart svg g[aria-label="dot"] circle').count()) > 10);
      assert.ok(await page.locator('#risk-chart svg').count(), 'the cost-risk chart is drawn');
      const body = (await page.locator('#results').textContent()).replace(/\s+/g, ' ');
      for (const [key, definition] of Object.entries(reference.definitions)) {
        if (key === 'per_segment' || key === 'cost_quantile') continue; // shown only with a segment / a quantile
        assert.ok(body.includes(definition.replace(/\s+/g, ' ')), `shows: ${definition}`);
      }
      assert.doesNotMatch(body, /NaN|undefined|null|\[object/);

      // The budget slider re-solves: the plan stays within the new budget and matches the CLI there.
      await page.evaluate(() => {
        const slider = document.getElementById('budget');
        slider.value = '20000';
        slider.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await page.waitForFunction(() => new URL(location.href).searchParams.get('budget') !== '5000', null, { timeout: TIMEOUT });
      const budget = Number(new URL(page.url()).searchParams.get('budget'));
      assert.ok(budget > 15000 && budget <= 20000, `budget ${budget}`);
      const moved = world.budget(budget);
      await page.waitForFunction(([sel, t]) => document.querySelector(sel)?.textContent.trim() === t, [CONVERSIONS, sixDigits(moved.plan.incremental_conversions)], { timeout: TIMEOUT });
      assert.ok(Number(await text(page, PLAN_COST)) <= budget, 'the plan keeps the budget');
      assert.match(await text(page, '#solve-time'), /solved in \d[\d,]* ms/);

      // A bad CSV (a probability of 1.5 on line 3) names line and column; the plan stays.
      const lines = fs.readFileSync(world.csv, 'utf8').trim().split('\n').slice(0, 6);
      const cells = lines[2].split(',');
      cells[4] = '1.5'; // p0
      lines[2] = cells.join(',');
      await page.setInputFiles('#file', { name: 'bad-probs.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
      await page.waitForFunction(() => document.querySelector('#message[data-kind="error"]')?.textContent.includes('bad-probs.csv'), null, { timeout: TIMEOUT });
      const message = await text(page, '#message');
      assert.match(message, /line 3, column 'p0': probability 1\.5 is outside \[0, 1\]/);
      assert.match(message, /previous choices and results are kept/);
      assert.equal(await text(page, CONVERSIONS), sixDigits(moved.plan.incremental_conversions));
      assert.equal(Number(new URL(page.url()).searchParams.get('budget')), budget);
      assert.equal(await page.locator('#chart svg g[aria-label="line"] path').count(), 3);
      assert.ok(!requests.some((url) => url.includes('bad-probs.csv')), 'the picked file is never requested or uploaded');

      assert.deepEqual(offOriginRequests(requests, server.origin), [], 'every request stays on the page origin');
      assert.deepEqual(errors, [], 'no uncaught errors in the page');
      await context.close();
    });
  });
}
