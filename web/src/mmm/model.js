// The fitted marketing-mix curves in JS, so that the budget what-ifs answer without a refit (docs/mmm.md):
// a channel's KPI over the weeks when every week's spend is multiplied by m is
//   KPI_c(m) = beta_c · Σ_t sat_c(m · adstocked_t / scale_c)
// (adstock is linear, so scaling the spend scales the adstocked spend), and the best split of a total is an
// exact dynamic programme over spend units, as the core's `allocation` (its grid differs: the two agree
// within a fraction of a percent). Pure functions of the core's JSON: tested in node (tests/web/mmm-model).

/** Saturation of x (adstocked spend over the channel's largest week) for the model's `saturation`. */
export function saturate(kind, params, x) {
  if (kind === 'hill') {
    const s = params.slope.value;
    const h = params.half.value;
    if (x <= 0) return 0;
    const xs = x ** s;
    return xs / (xs + h ** s);
  }
  const e = Math.exp(-params.lam.value * x);
  return (1 - e) / (1 + e);
}

/** KPI over the weeks of channel `c` (an entry of result.channels) with every week's spend × m. */
export function channelKpi(c, kind, m) {
  let sum = 0;
  for (const a of c.adstocked) sum += saturate(kind, c.params, (m * a) / c.scale);
  return c.beta * sum;
}

/** The media KPI for multipliers `ms` (one per channel, 1 = as spent). */
export const mediaKpi = (result, ms) => result.channels.reduce((s, c, i) => s + channelKpi(c, result.model.saturation, ms[i]), 0);

/**
 * A planner for the result: the best split of any total, each channel between lower and upper × its spend.
 * Spend is cut into `units` units of the spent total; each channel's KPI per unit count is computed once,
 * so a new total costs one pass of the dynamic programme (milliseconds).
 */
export function planner(result, { lower = result.allocation?.lower ?? 0.5, upper = result.allocation?.upper ?? 1.5, units = 1000 } = {}) {
  const kind = result.model.saturation;
  const spent = result.channels.reduce((s, c) => s + c.spend, 0);
  const step = spent / units;
  // Per channel: the KPI at u units of spend, u from lo to hi (its bounds in units).
  const tables = result.channels.map((c) => {
    const lo = Math.ceil((lower * c.spend) / step - 1e-9);
    const hi = Math.floor((upper * c.spend) / step + 1e-9);
    const kpi = new Float64Array(hi - lo + 1);
    for (let u = lo; u <= hi; u++) kpi[u - lo] = channelKpi(c, kind, (u * step) / c.spend);
    return { lo, hi, kpi };
  });
  const minTotal = tables.reduce((s, t) => s + t.lo, 0) * step;
  const maxTotal = tables.reduce((s, t) => s + t.hi, 0) * step;

  /** The best split of `total` (spend units of the data): {feasible, kpi, spend[], multiplier[]}. */
  function best(total) {
    const budget = Math.floor(total / step + 1e-9);
    const need = tables.reduce((s, t) => s + t.lo, 0);
    if (budget < need) return { feasible: false, total, minTotal, maxTotal };
    const room = Math.min(budget - need, tables.reduce((s, t) => s + t.hi - t.lo, 0)); // units above the lower bounds
    // dp[b]: the best KPI of the channels so far with b units above their lower bounds.
    let dp = new Float64Array(room + 1);
    const choices = [];
    for (const t of tables) {
      const span = t.hi - t.lo;
      const next = new Float64Array(room + 1).fill(-Infinity);
      const pick = new Int32Array(room + 1);
      for (let b = 0; b <= room; b++) {
        if (dp[b] === -Infinity) continue;
        const top = Math.min(span, room - b);
        const base = dp[b];
        for (let u = 0; u <= top; u++) {
          const v = base + t.kpi[u];
          if (v > next[b + u]) {
            next[b + u] = v;
            pick[b + u] = u;
          }
        }
      }
      choices.push(pick);
      dp = next;
    }
    let b = 0;
    for (let i = 1; i <= room; i++) if (dp[i] > dp[b]) b = i;
    const kpi = dp[b];
    const units = new Array(tables.length);
    for (let c = tables.length - 1; c >= 0; c--) {
      const u = choices[c][b];
      units[c] = tables[c].lo + u;
      b -= u;
    }
    const spend = units.map((u) => u * step);
    return { feasible: true, total, kpi, spend, multiplier: spend.map((s, i) => s / result.channels[i].spend), minTotal, maxTotal };
  }
  return { best, step, spent, minTotal, maxTotal, lower, upper };
}

/** Geometric adstock weights decay^l over `lags` weeks, normalised (the simulated world's truth). */
export function geometricWeights(decay, lags = 8) {
  const w = Array.from({ length: lags }, (_, l) => decay ** l);
  const sum = w.reduce((s, x) => s + x, 0);
  return w.map((x) => x / sum);
}

/** The adstocked series of `spend` with `weights` (weeks before the first are 0). */
export function adstock(spend, weights) {
  return spend.map((_, t) => weights.reduce((s, w, l) => (t - l >= 0 ? s + w * spend[t - l] : s), 0));
}

/**
 * The simulated world's true contribution and ROI per channel, from its true parameters (mmm_truth:
 * geometric adstock over max_lag weeks, logistic saturation of adstocked / the largest week's spend) and
 * each channel's weekly spend.
 */
export function trueContributions(truth, spendByChannel) {
  return truth.channels.map((t) => {
    const spend = spendByChannel[t.name];
    if (!spend) return { name: t.name, contribution: null, roi: null };
    const top = Math.max(...spend);
    const a = adstock(spend, geometricWeights(t.decay, truth.max_lag ?? 8));
    const weekly = a.map((x) => t.beta * saturate('logistic', { lam: { value: t.lam } }, x / top));
    const contribution = weekly.reduce((s, x) => s + x, 0);
    const total = spend.reduce((s, x) => s + x, 0);
    return { name: t.name, contribution, roi: contribution / total, weekly };
  });
}

/** Weeks a week's spend keeps working: the smallest number of lags holding 90% of the adstock weights. */
export function carryWeeks(weights, share = 0.9) {
  let s = 0;
  for (let l = 0; l < weights.length; l++) {
    s += weights[l];
    if (s >= share - 1e-12) return l + 1;
  }
  return weights.length;
}
