// One <head> preamble and one site header (brand, navigation, engine status) for every page, written into
// the HTML by Vite at dev and build time, so a new page is one line in PAGES and every page links every
// other, and every page gets the page tools (copy link, presenter view, workshop bar: src/kit/page-tools.js).
// A page writes <!-- shell:head --> at the top of its <head> (its own <title> follows) and
// <!-- shell:header --> (or <!-- shell:header status="text" -->) at the top of its <body>. An analysis page
// also writes <!-- shell:progress --> under its Run / Cancel buttons and <!-- shell:message --> at the top of
// its output: the elements src/page-status.js drives, with the ids it expects.
import path from 'node:path';

export const PAGES = [
  { file: 'index.html', label: 'Analyses' },
  { file: 'workshop.html', label: 'Workshop' },
  { file: 'abtest.html', label: 'A/B readout' },
  { file: 'uplift.html', label: 'Uplift targeting' },
  { file: 'segment.html', label: 'Customer segments' },
  { file: 'budget.html', label: 'Budget planning' },
  { file: 'mmm.html', label: 'Marketing mix' },
  { file: 'dcm.html', label: 'Dynamic Causal Model' },
  { file: 'shapley.html', label: 'Shapley attribution' },
];

// Nothing leaves the page's origin; WASM compiles under 'wasm-unsafe-eval'; workers may be blob: URLs
// (the Emscripten pthread pool).
const CSP =
  "default-src 'self'; connect-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; " +
  "script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:";

const HEAD = `<meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta http-equiv="Content-Security-Policy" content="${CSP}" />
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="./src/styles.css" />
    <script type="module" src="./src/kit/page-tools.js"></script>`;

function header(current, status) {
  const links = PAGES.map(({ file, label }) =>
    file === current ? `<span aria-current="page">${label}</span>` : `<a href="./${file}">${label}</a>`).join('');
  return `<header class="site-header">
      <a class="brand" href="./index.html">Incrementa</a>
      <nav aria-label="Pages">${links}</nav>
      <div id="page-tools" class="page-tools"></div>
      <p id="engine-status" class="engine-status" role="status" data-state="starting">${status ?? 'Starting the WASM engine…'}</p>
    </header>`;
}

const PROGRESS = `<div id="progress" class="progress" hidden>
            <progress id="progress-bar" max="1"></progress>
            <span id="progress-text">Running…</span>
          </div>`;

const MESSAGE = '<div id="message" class="message" role="alert" hidden></div>';

export function pageShell() {
  return {
    name: 'incrementa-page-shell',
    transformIndexHtml: {
      order: 'pre',
      handler(html, ctx) {
        const current = path.basename(ctx.filename);
        if (!PAGES.some((p) => p.file === current)) throw new Error(`page-shell: ${current} is not in PAGES`);
        return html
          .replace('<!-- shell:head -->', HEAD)
          .replace(/<!-- shell:header(?: status="([^"]*)")? -->/, (_, status) => header(current, status))
          .replace('<!-- shell:progress -->', PROGRESS)
          .replace('<!-- shell:message -->', MESSAGE);
      },
    },
  };
}
