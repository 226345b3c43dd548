// Feature detection and WASM variant choice, in one place so the page, the
// worker and the tests agree on which build runs.

// A minimal module whose only function uses a SIMD instruction:
// (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt). validate() is
// false in engines without WebAssembly SIMD. (Bytes as in wasm-feature-detect.)
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

/** @returns {{wasm: boolean, simd: boolean, sharedMemory: boolean, crossOriginIsolated: boolean, hardwareConcurrency: number}} */
export function getPlatformFeatures(scope = globalThis) {
  const wasm = typeof scope.WebAssembly === 'object';
  let simd = false;
  try {
    simd = wasm && scope.WebAssembly.validate(SIMD_PROBE);
  } catch {
    simd = false;
  }
  return {
    wasm,
    simd,
    sharedMemory: typeof scope.SharedArrayBuffer === 'function',
    crossOriginIsolated: scope.crossOriginIsolated === true,
    hardwareConcurrency: scope.navigator?.hardwareConcurrency ?? 1,
  };
}

/**
 * 'simd-threads' when the page may share memory between workers, else 'simd';
 * null when this browser cannot run either (no WebAssembly SIMD).
 */
export function selectVariant(features = getPlatformFeatures()) {
  if (!features.wasm || !features.simd) return null;
  if (features.crossOriginIsolated && features.sharedMemory) return 'simd-threads';
  return 'simd';
}

/** The status-line text for the features the loaded module reports. */
export function describeEngine(variant, engineFeatures, isolated) {
  if (variant === 'simd-threads') {
    const n = engineFeatures.thread_count;
    return `WASM simd-threads (${n} thread${n === 1 ? '' : 's'}, cross-origin isolated)`;
  }
  return `WASM simd (single thread; page ${isolated ? 'cross-origin isolated' : 'not cross-origin isolated'})`;
}

export const TOO_OLD_MESSAGE =
  'This browser is too old for Incrementa: it needs WebAssembly SIMD (Chrome/Edge 91+, Firefox 89+, Safari 16.4+).';
