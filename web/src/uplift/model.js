// What the story says, worked out once per render from one fitted learner's answer and the economics:
// the arm's policy curve, the cost-aware share (the answer), the share picked on the slider (step 3) and,
// in a simulated world, the truth's best share. Cheap (101 points): a cost or value change rebuilds it.
import { costAwarePoint, curvePoints, pointAt, policyAt, trueBestPoint } from './economics.js';
import { unitOf } from './datasets.js';

/** The prediction column of `arm` (the CLI's --predict-out names). */
export const predictionColumn = (result, arm) => (result.results.length > 1 ? `cate_${arm}` : 'cate');

/**
 * @param {{result: object, arm: string, economics: {cost, value}, share: number|null, thing: string,
 *          learner: string}} input share: the slider's share (0..1), null = follow the cost-aware one
 */
export function buildModel({ result, arm, economics, share, thing, learner }) {
  const r = result.results.find((x) => x.arm === arm) ?? result.results[0];
  const points = curvePoints(r.policy_curve);
  const unit = unitOf(result.outcome);
  const base = { result, r, arm: r.arm, learner, economics, thing, unit, points, binary: result.outcome_kind === 'binary' };
  if (!points.length) return { ...base, n: (r.n_treated ?? 0) + (r.n_control ?? 0), best: null };
  const n = points.at(-1).treated;
  const context = { n, shareNegative: r.segments?.share_negative };
  const best = costAwarePoint(points, economics);
  const picked = share == null ? best : pointAt(points, share);
  const trueBest = trueBestPoint(points, economics, n);
  return {
    ...base,
    n,
    best,
    policy: policyAt(points, best, economics, context),
    picked,
    pickedPolicy: policyAt(points, picked, economics, context),
    trueBest,
    trueBestPolicy: trueBest && policyAt(points, trueBest, economics, context),
    policyOf: (p) => policyAt(points, p, economics, context),
  };
}
