// Started before anything else on the page: the engine worker and, on the example, the fetch of its file.
// The page's charts (Observable Plot) are loaded after this, so parsing them does not delay the engine.
import { startEngine } from '../engine-status.js';
import { fetchBundled } from '../kit/files.js';
import { EXAMPLE } from './games.js';

export const client = startEngine(document.getElementById('engine-status'));

const game = new URLSearchParams(location.search).get('game');
/** The example's bytes while the engine starts, or null (another game; a failed fetch is tried again later). */
export let prefetched = client && (!game || game === EXAMPLE.id || game === 'local') ? fetchBundled(EXAMPLE) : null;
prefetched?.catch(() => (prefetched = null));

/** The page takes the prefetched bytes once. */
export function takePrefetched() {
  const p = prefetched;
  prefetched = null;
  return p;
}
