// The view's choices in the URL query, so a readout can be shared and restored:
// ?data=hillstrom&arm=segment&control=No+E-Mail&outcome=visit&covariate=history&alpha=0.05
import { urlState } from '../url-state.js';

const query = urlState(['data', 'arm', 'control', 'outcome', 'covariate', 'alpha']);

/** @returns {{data?: string, arm?: string, control?: string, outcome?: string, covariate?: string, alpha?: number}} */
export function readState(search = location.search) {
  const state = query.read(search);
  if (state.alpha != null) {
    const alpha = Number(state.alpha);
    state.alpha = alpha > 0 && alpha < 1 ? alpha : undefined;
  }
  return state;
}

export const writeState = query.write;
