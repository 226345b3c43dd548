// Takes docs/screenshot-abtest.png: the A/B page with the default Hillstrom
// readout, served by `vite preview` (run `npm run build` first).
// Usage: node tests/e2e/tools/screenshot.mjs [output.png] [page-path]
import path from 'node:path';
import { checkPrerequisites, launchBrowser, openPage, root, startPreview } from '../support.js';

const output = path.resolve(process.argv[2] ?? path.join(root, 'docs/screenshot-abtest.png'));
const pagePath = process.argv[3] ?? '/abtest.html';

checkPrerequisites();
const server = await startPreview();
const browser = await launchBrowser();
try {
  const { page, errors } = await openPage(browser);
  await page.goto(`${server.origin}${pagePath}`);
  if (pagePath.includes('abtest')) {
    await page.waitForSelector('#cuped-table, #cuped-none', { timeout: 30_000 });
    await page.waitForSelector('#chart svg');
    await page.waitForSelector('#engine-status[data-state="ready"]');
  } else if (pagePath.includes('budget') || pagePath.includes('dcm') || pagePath.includes('uplift')) {
    await page.waitForSelector('#chart svg', { timeout: 30_000 });
  }
  await page.screenshot({ path: output, fullPage: true });
  if (errors.length) console.warn('page errors:', errors);
  console.log(`wrote ${output}`);
} finally {
  await browser.close();
  await server.close();
}
