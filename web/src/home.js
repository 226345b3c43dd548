// The home page only reports which WASM build this browser would run; the
// engine itself starts on the analysis pages.
import { getPlatformFeatures, selectVariant, TOO_OLD_MESSAGE } from './platform.js';

const status = document.getElementById('engine-status');
const platform = getPlatformFeatures();
const variant = selectVariant(platform);
status.dataset.variant = variant ?? 'none';
status.dataset.state = variant ? 'ready' : 'unsupported';
status.textContent = !variant
  ? TOO_OLD_MESSAGE
  : variant === 'simd-threads'
    ? `This browser runs WASM simd-threads (up to ${platform.hardwareConcurrency} cores, cross-origin isolated)`
    : 'This browser runs WASM simd (single thread; page not cross-origin isolated)';
