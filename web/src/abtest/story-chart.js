// The one chart of the story: each arm's difference from the control group, with its interval.
import { isNum } from '../kit/format.js';
import { intervalChart, label } from './charts.js';
import { measure, withInterval } from './numbers.js';
import { outcomePhrase } from './answer.js';

/** Rows of the chart, in the chart's units (percentage points for a share). */
export function effectRows(result, w) {
  const m = measure(w.kind);
  return result.comparisons
    .filter((c) => isNum(c.diff))
    .map((c) => ({
      arm: c.arm,
      label: label(w, c.arm),
      est: c.diff * m.scale,
      lo: isNum(c.ci?.[0]) ? c.ci[0] * m.scale : undefined,
      hi: isNum(c.ci?.[1]) ? c.ci[1] * m.scale : undefined,
      text: m.diff(c.diff),
    }));
}

/** A domain that leaves the numbers out but keeps the scale (workshop mode, before the reveal). */
const secretDomain = (rows) => {
  const top = Math.max(1, ...rows.map((r) => Math.abs(r.hi ?? r.est) * 1.6));
  return [Math.min(0, ...rows.map((r) => (r.lo ?? r.est) * 1.6)), top];
};

/**
 * @param {{hidden?: boolean, guess?: {arm: string, x: number}}} options guess.x in the chart's units
 */
export function effectChart(container, result, w, { hidden = false, guess = null } = {}) {
  const m = measure(w.kind);
  const rows = effectRows(result, w);
  const confidence = Math.round(result.confidence * 100);
  const xLabel = `Difference from ${w.control}${m.axisUnit ? ` (${m.axisUnit})` : ''}`;
  const alt = hidden
    ? `Each group's difference from ${w.control} in ${outcomePhrase(w)}: hidden until you reveal the answer.`
    : `Each group's difference from ${w.control} in ${outcomePhrase(w)}, with its ${confidence}% interval: ${result.comparisons
        .filter((c) => isNum(c.diff))
        .map((c) => `${w.arm(c.arm)} ${withInterval(m, c.diff, c.ci)}`)
        .join('; ')}.`;
  if (rows.length === 0) return null;
  const guesses = guess && isNum(guess.x) ? rows.filter((r) => r.arm === guess.arm).map((r) => ({ label: r.label, x: guess.x })) : [];
  return intervalChart({
    rows,
    xLabel,
    tick: m.tick,
    container,
    alt,
    hidden: hidden ? rows.map((r) => r.label) : [],
    domain: hidden ? secretDomain(rows) : undefined,
    guesses,
  });
}
