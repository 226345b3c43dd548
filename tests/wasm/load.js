// Loads a WASM variant in Node 20: an EXPORT_ES6 Emscripten module needs
// __dirname and require on globalThis, and its binary passed in.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { wrapModule } from '../../web/src/engine/incrementa.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const wasmDir = path.join(root, 'web/public/wasm');

// dir: the folder holding incrementa-VARIANT.mjs/.wasm (default: the site's web/public/wasm).
export async function loadVariant(variant, dir = wasmDir) {
  globalThis.__dirname = dir + '/';
  globalThis.require = createRequire(path.join(dir, 'x.js'));
  const { default: factory } = await import(path.join(dir, `incrementa-${variant}.mjs`));
  const module = await factory({
    wasmBinary: fs.readFileSync(path.join(dir, `incrementa-${variant}.wasm`)),
    locateFile: (file) => path.join(dir, file),
  });
  return { api: wrapModule(module), module };
}
