// Vite serves and builds the static site from web/. COOP/COEP make the page
// cross-origin isolated so the threaded WASM build (SharedArrayBuffer) can run;
// without them the page falls back to the single-thread build.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { PAGES, pageShell } from './web/page-shell.js';

const root = resolve(import.meta.dirname, 'web');

const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const host = process.env.HOST || '127.0.0.1';
const port = (fallback) => Number(process.env.PORT) || fallback;

export default defineConfig({
  root,
  plugins: [pageShell()],
  // The Emscripten outputs and data stay untouched in web/public/ (copied as is).
  publicDir: resolve(root, 'public'),
  build: {
    outDir: resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      input: Object.fromEntries(PAGES.map(({ file }) => [file.replace('.html', ''), resolve(root, file)])),
    },
  },
  worker: { format: 'es' },
  server: { host, port: port(5173), strictPort: true, headers: isolationHeaders },
  preview: { host, port: port(4173), strictPort: true, headers: isolationHeaders },
});
