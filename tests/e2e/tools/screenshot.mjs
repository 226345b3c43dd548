// Takes a screenshot of one page of the built site, served by `vite preview` (run `npm run build` first),
// once its answer is on screen (analysis pages) or its heading (home, workshop).
// Usage: node tests/e2e/tools/screenshot.mjs [output.png] [page-path] [width] [--viewport]
//   width 1280 by default (390 for a phone); --viewport keeps only the first screen (800 or 844 px tall).
import path from 'node:path';
import { checkPrerequisites, launchBrowser, root, startPreview } from '../support.js';

const [outArg, pathArg, widthArg] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const output = path.resolve(outArg ?? path.join(root, 'docs/screenshot-abtest.png'));
const pagePath = pathArg ?? '/abtest.html';
const width = Number(widthArg ?? 1280);
const viewportOnly = process.argv.includes('--viewport');

checkPrerequisites();
const server = await startPreview();
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width, height: width < 600 ? 844 : 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.origin}${pagePath}`);
  const analysis = !/index|workshop/.test(pagePath) && pagePath !== '/';
  await page.waitForSelector(analysis ? '#answer .value' : 'h1', { timeout: 60_000 });
  if (analysis) await page.waitForFunction(() => document.body.dataset.busy !== 'true', null, { timeout: 60_000 });
  await page.waitForTimeout(300); // charts drawn after the answer
  await page.screenshot({ path: output, fullPage: !viewportOnly });
  if (errors.length) console.warn('page errors:', errors);
  console.log(`wrote ${output}`);
} finally {
  await browser.close();
  await server.close();
}
