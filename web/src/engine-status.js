// Starts the engine worker for the variant this browser supports and keeps the
// status line ("WASM simd-threads (N threads, cross-origin isolated)") current.
import { describeEngine, getPlatformFeatures, selectVariant, TOO_OLD_MESSAGE } from './platform.js';
import { EngineClient } from './worker/client.js';

/** @returns {EngineClient | null} null when the browser lacks WebAssembly SIMD */
export function startEngine(statusElement) {
  const platform = getPlatformFeatures();
  const variant = selectVariant(platform);
  if (!variant) {
    statusElement.textContent = TOO_OLD_MESSAGE;
    statusElement.dataset.state = 'unsupported';
    return null;
  }
  const client = new EngineClient(variant);
  const show = () => {
    statusElement.textContent = 'Starting the WASM engine…';
    statusElement.dataset.state = 'starting';
    client.ready.then(
      (features) => {
        statusElement.textContent = describeEngine(variant, features, platform.crossOriginIsolated);
        statusElement.dataset.state = 'ready';
        statusElement.dataset.variant = variant;
        statusElement.dataset.threads = String(features.thread_count);
      },
      (error) => {
        if (error.code === 'cancelled') return;
        statusElement.textContent = `The WASM engine failed to start: ${error.message}`;
        statusElement.dataset.state = 'failed';
      },
    );
  };
  show();
  client.onRestart = () => {
    statusElement.dataset.restarts = String(client.restarts);
    show();
  };
  // For the tests and the curious: how long the last cancel took to free the engine (threads build).
  client.onCancelled = ({ ms }) => (statusElement.dataset.cancelMs = String(Math.round(ms)));
  return client;
}
