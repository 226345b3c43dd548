// The page's choices in the URL query, so a view can be shared and restored:
// ?budget=4000&pin=5000&rows=20000&levels=3&seed=1&roi=0.5&objective=profit&quantile=0.95&truth=1
// (pin: the baseline's budget; offers: the offers spec as JSON when edited; data=local marks a view made
// on a user's CSV — the file itself is never shared).
import { urlState } from '../url-state.js';

const query = urlState(['data', 'rows', 'levels', 'seed', 'truth', 'budget', 'pin', 'roi', 'objective', 'solver', 'quantile', 'offers']);

export const readState = query.read;
export const writeState = query.write;

/** The pinned baseline in a link: its budget, extra bookings, cost, ROI and customers reached, exact. */
export const pinText = (b) => [b.budget, b.conversions, b.cost, b.roi ?? '', b.targeted].join(',');

export function parsePin(text) {
  const xs = String(text ?? '').split(',').map((t) => (t === '' ? null : Number(t)));
  if (xs.length !== 5 || !Number.isFinite(xs[0]) || xs.some((x) => x != null && !Number.isFinite(x))) return null;
  const [budget, conversions, cost, roi, targeted] = xs;
  return { budget, conversions, cost, roi, targeted };
}
