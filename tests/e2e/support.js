// Shared fixtures for the browser tests: servers on free ports, a Chromium
// page that records every request (workers included), and the native CLI's
// answer to compare the page with.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStaticServer } from './static-server.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const dist = path.join(root, 'dist');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CLI = path.join(root, 'build/native/incrementa');
const HILLSTROM = path.join(root, 'data/hillstrom/hillstrom.csv');

export function checkPrerequisites() {
  for (const file of ['abtest.html', 'index.html', 'wasm/incrementa-simd.wasm', 'wasm/incrementa-simd-threads.wasm', 'data/hillstrom.csv']) {
    if (!fs.existsSync(path.join(dist, file))) throw new Error(`dist/${file} is missing: run scripts/build-wasm.sh and npm run build first`);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, child, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode != null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms`);
}

/** `vite preview` on dist/ with the COOP/COEP headers of vite.config.js. */
export const startPreview = () => startVite('preview');

/** `vite` (the dev server, serving web/ unbuilt) with the same headers. */
export const startDev = () => startVite('dev');

async function startVite(command) {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), command], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${origin}/index.html`, child);
  } catch (error) {
    child.kill();
    throw new Error(`${error.message}\n${log}`);
  }
  return { origin, close: () => new Promise((resolve) => (child.exitCode != null ? resolve() : (child.once('exit', resolve), child.kill()))) };
}

/** A header-less static server on dist/ (not cross-origin isolated). */
export async function startPlain() {
  const { server, origin } = await startStaticServer(dist);
  return { origin, close: () => new Promise((resolve) => server.close(resolve)) };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

/** A fresh context and page; `requests` collects every URL asked for, `errors` page and console errors. */
export async function openPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const requests = [];
  const errors = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  // Console errors include CSP violations and failed loads (404s).
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return { context, page, requests, errors };
}

/** Every recorded request stays on `origin` (blob: and data: URLs are local to the page). */
export function offOriginRequests(requests, origin) {
  return requests.filter((url) => {
    if (url.startsWith('data:')) return false;
    const parsed = new URL(url);
    const effective = parsed.protocol === 'blob:' ? new URL(parsed.pathname).origin : parsed.origin;
    return effective !== origin;
  });
}

/** The native CLI's abtest JSON on the same data (the reference for the page). */
export function nativeAbtest(args) {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: build the native CLI first`);
  const out = execFileSync(CLI, ['abtest', '--data', HILLSTROM, ...args], { encoding: 'utf8' });
  return JSON.parse(out);
}


const AXE = fs.readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * axe-core on the page as it stands: the critical and serious violations (id, impact, first targets).
 * Injected through the debugging protocol, which the page's CSP does not govern.
 */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
}

/** Significant digits a person reads in a number token: "88,813.2" → 6, "5,000" → 1, "0.0761" → 3. */
export function significantDigits(token) {
  const plain = token.replace(/,/g, '');
  const [whole, frac = ''] = plain.split('.');
  let digits = (whole + frac).replace(/^0+/, '');
  if (!frac) digits = digits.replace(/0+$/, '');
  return Math.max(digits.length, plain.replace(/[^1-9]/g, '') ? 1 : 0);
}

/**
 * What the first viewport of <main> shows: its visible text, whether a chart (svg) and the answer
 * sentence (#answer) are inside it, and every number with more than `maxDigits` significant digits.
 */
export async function firstScreen(page, maxDigits = 4) {
  const seen = await page.evaluate(() => {
    const height = window.innerHeight;
    const inView = (r) => r.bottom > 0 && r.top < height && r.width > 0 && r.height > 0;
    const texts = [];
    const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!node.textContent.trim() || parent.closest('[hidden], details:not([open]) > :not(summary), select, option, script, style')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      if ([...range.getClientRects()].some(inView)) texts.push(node.textContent);
    }
    const answer = document.getElementById('answer');
    const charts = [...document.querySelectorAll('main svg')].filter((svg) => inView(svg.getBoundingClientRect()) && svg.getBoundingClientRect().height > 80);
    return { text: texts.join(' '), answer: answer && inView(answer.getBoundingClientRect()) ? answer.textContent.trim() : '', charts: charts.length };
  });
  const numbers = seen.text.match(/\d[\d,]*(?:\.\d+)?/g) ?? [];
  return { ...seen, tooLong: numbers.filter((n) => significantDigits(n) > maxDigits) };
}

/** At a phone's width (390×844): the page's horizontal overflow and where the answer starts, in screens. */
export async function narrowLayout(browser, url, waitFor = '#answer .value') {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector(waitFor, { timeout: 60_000 });
  const layout = await page.evaluate(() => ({
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    answerTop: document.getElementById('answer')?.getBoundingClientRect().top / window.innerHeight,
  }));
  await context.close();
  return layout;
}
