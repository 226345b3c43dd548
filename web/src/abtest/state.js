// The view's choices in the URL query, so a readout can be shared and restored:
// ?data=hillstrom&arm=segment&control=No+E-Mail&outcome=visit&covariate=history&alpha=0.05

const KEYS = ['data', 'arm', 'control', 'outcome', 'covariate', 'alpha'];

/** @returns {{data?: string, arm?: string, control?: string, outcome?: string, covariate?: string, alpha?: number}} */
export function readState(search = location.search) {
  const params = new URLSearchParams(search);
  const state = {};
  for (const key of KEYS) if (params.has(key)) state[key] = params.get(key);
  if (state.alpha != null) {
    const alpha = Number(state.alpha);
    state.alpha = alpha > 0 && alpha < 1 ? alpha : undefined;
  }
  return state;
}

/** Rewrites the query without adding a history entry per tweak. */
export function writeState(state) {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = state[key];
    if (value != null && value !== '') params.set(key, String(value));
  }
  const url = `${location.pathname}?${params}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(null, '', url);
}
