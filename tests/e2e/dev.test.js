// The dev server (`npm run dev`) serves the same pages unbuilt, with COOP/COEP:
// a smoke test that the worker, the threaded build and the CSP work there too.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, nativeAbtest, offOriginRequests, openPage, startDev } from './support.js';

describe('vite dev server', () => {
  let server;
  let browser;
  before(async () => {
    server = await startDev();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('runs the default readout on WASM simd-threads', async () => {
    const reference = nativeAbtest(['--arm', 'segment', '--outcome', 'visit', '--covariate', 'history']);
    const expected = reference.comparisons.find((c) => c.arm === 'Mens E-Mail').diff;
    const { context, page, requests, errors } = await openPage(browser);
    await page.goto(`${server.origin}/abtest.html`);
    // The first visit may reload once while Vite pre-bundles dependencies: wait on the result, not on time.
    // The cell shows the rounded difference and carries the exact one (1e-9 relative: the CLI's JSON digits).
    await page.waitForFunction(
      (x) => Math.abs(Number(document.querySelector('#comparisons-table tr[data-arm="Mens E-Mail"] td[data-kind="diff"] .value')?.dataset.value) - x) <= 1e-9 * Math.abs(x),
      expected,
      { timeout: 60_000 },
    );
    await page.waitForSelector('#engine-status[data-variant="simd-threads"]');
    assert.match(await page.locator('#engine-status').textContent(), /^WASM simd-threads \(\d+ threads?, cross-origin isolated\)$/);
    await page.waitForSelector('#chart svg');
    // Vite's client talks to the dev server over a same-origin WebSocket; nothing goes elsewhere.
    assert.deepEqual(offOriginRequests(requests, server.origin), []);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
