// The page's choices in the URL query, so a view can be shared and restored:
// ?game=glove&left=L&right=R1,R2&method=permutation&samples=2000&target_se=0.01&seed=7

const KEYS = ['game', 'left', 'right', 'players', 'costs', 'weights', 'quota', 'fill', 'method', 'samples', 'target_se', 'seed'];

export function readState(search = location.search) {
  const params = new URLSearchParams(search);
  const state = {};
  for (const key of KEYS) if (params.has(key)) state[key] = params.get(key);
  return state;
}

/** Rewrites the query from `state` (empty values left out), without a history entry per tweak. */
export function writeState(state) {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = state[key];
    if (value != null && value !== '') params.set(key, String(value));
  }
  const url = `${location.pathname}?${params}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(null, '', url);
}
