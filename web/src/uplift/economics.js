// The cost-aware targeting, re-ranked on the page from what one fit already returned: the core's
// policy curve (treat the top 0%, 1%, …, 100% by predicted change, with the doubly robust gain of each
// share) and the economics (cost per e-mail, value per unit of outcome). No refit: a cost or value
// change is a pass over 101 points. The rule is the core's cost-aware policy (treat when
// value × predicted change > cost), on the curve's 1% grid; net values use the core's own formula
// (policy_curve.net_value = value × dr_gain − cost × treated / n), so a CLI run with --cost gives the
// same numbers. No DOM here: the browser tests import it too.

const finite = (x) => typeof x === 'number' && Number.isFinite(x);

/**
 * The core's policy_curve as points [{share, treated, threshold, gain, se, truth}], sorted by share.
 * @param {{share: number[], treated: number[], threshold: (number|null)[], dr_gain: number[],
 *          dr_gain_se: number[], true_gain?: number[]}} curve
 */
export function curvePoints(curve) {
  if (!curve || !Array.isArray(curve.share)) return [];
  return curve.share
    .map((share, i) => ({
      share,
      treated: curve.treated?.[i],
      threshold: curve.threshold?.[i] ?? null,
      gain: curve.dr_gain?.[i],
      se: curve.dr_gain_se?.[i],
      truth: curve.true_gain?.[i] ?? null,
    }))
    .filter((p) => finite(p.share) && finite(p.gain) && finite(p.treated))
    .sort((a, b) => a.share - b.share);
}

/** Net value per customer of the population at a point: the core's policy_curve.net_value. */
export const netPerRow = (p, { cost, value }, n, gain = p.gain) => value * gain - (cost * p.treated) / n;

/** The curve's point nearest to `share` (0..1). */
export function pointAt(points, share) {
  let best = points[0] ?? null;
  for (const p of points) if (Math.abs(p.share - share) < Math.abs(best.share - share)) best = p;
  return best;
}

/**
 * The cost-aware share: the largest share on the grid whose every customer is worth the e-mail
 * (value × predicted change > cost; a point's threshold is the predicted change of its last treated row).
 */
export function costAwarePoint(points, { cost, value }) {
  let best = points[0];
  for (const p of points) if (p.treated > 0 && finite(p.threshold) && value * p.threshold > cost) best = p;
  return best;
}

/** The share with the highest net value by the truth (simulated worlds): the best any ranking could do with this one. */
export function trueBestPoint(points, economics, n) {
  let best = null;
  for (const p of points) if (finite(p.truth) && (!best || netPerRow(p, economics, n, p.truth) > netPerRow(best, economics, n, best.truth))) best = p;
  return best;
}

/**
 * Everything the answer, the cards and step 3 say about treating the top `point.share`, in totals over the
 * n customers compared (treated + control rows of this arm's comparison).
 */
export function policyAt(points, point, economics, { n, shareNegative = null }) {
  const all = points.at(-1);
  const extra = point.gain * n;
  const extraAll = all.gain * n;
  return {
    share: point.share,
    treated: point.treated,
    left: n - point.treated,
    threshold: point.threshold,
    extra,
    extraLo: finite(point.se) ? (point.gain - 1.959963984540054 * point.se) * n : null,
    extraHi: finite(point.se) ? (point.gain + 1.959963984540054 * point.se) * n : null,
    extraAll,
    fractionOfAll: all.gain > 0 ? point.gain / all.gain : null,
    netPerRow: netPerRow(point, economics, n),
    net: netPerRow(point, economics, n) * n,
    netAll: netPerRow(all, economics, n) * n,
    cost: economics.cost * point.treated,
    // Customers predicted to be put off (sleeping dogs), over all n; those outside the share are spared.
    sleeping: finite(shareNegative) ? shareNegative * n : null,
    truth: finite(point.truth) ? point.truth * n : null,
    netTruth: finite(point.truth) ? netPerRow(point, economics, n, point.truth) * n : null,
  };
}
