// The analyst's tables of the A/B readout (arms, raw comparisons, CUPED), each followed by the one-line
// definitions of its numbers. They sit in the Details drawers. Cells read three significant figures like
// the rest of the site, p-values "< 0.001"; every cell carries the exact number in data-value (its
// tooltip, the tests and the CSV export use it).
import { el } from '../dom.js';
import { count, isNum, num, pct, pValue } from '../kit/format.js';
import { value } from '../kit/story.js';

const exact = (x) => num(x, { keepZeros: true });

/** A number cell, or "n/a" plus the reason the core returned null. */
function cell(x, f, reason, kind) {
  if (isNum(x)) return el('td', { class: 'num', dataset: { kind } }, value(x, f(x)));
  return el('td', { class: 'num na', dataset: { kind }, title: reason }, 'n/a', el('span', { class: 'na-reason' }, ` (${reason})`));
}

/** An interval cell: "0.0700 to 0.0832", each end with its exact value. */
function intervalCell(ci, f, reason, kind) {
  if (!Array.isArray(ci) || !isNum(ci[0]) || !isNum(ci[1])) return cell(null, f, reason, kind);
  return el('td', { class: 'num', dataset: { kind } }, value(ci[0], f(ci[0]), { dataset: { end: 'low' } }), ' to ', value(ci[1], f(ci[1]), { dataset: { end: 'high' } }));
}

// Tables may scroll sideways on a phone: the scrolling block is a named region one can reach by keyboard.
const block = (name, ...children) => el('section', { class: 'table-block', tabindex: '0', role: 'region', 'aria-label': name }, ...children);

const header = (label, definition) => el('th', { scope: 'col', title: definition ?? null }, label);

function table(caption, heads, rows, id) {
  return el('table', { class: 'result-table', id }, el('caption', {}, caption), el('thead', {}, el('tr', {}, heads)), el('tbody', {}, rows));
}

function definitions(items) {
  return el('dl', { class: 'definitions' }, items.filter(([, text]) => text).map(([term, text]) => [el('dt', {}, term), el('dd', {}, text)]));
}

const seReason = (n) => (n != null && n < 2 ? 'needs at least 2 rows' : 'not defined for these data');
const signedPct = (x) => pct(x, { signed: true });

export function armsSection(result) {
  const d = result.definitions;
  const confidence = pct(result.confidence);
  const hasCovariate = result.cuped != null;
  const heads = [
    header('Group'),
    header('Rows', 'rows in the group with the outcome (and covariate) present'),
    header('Mean', d.mean),
    header(`${confidence} CI`, d.arm_ci),
    hasCovariate && header(`Mean ${result.cuped.covariate}`, 'average of the CUPED covariate in the group'),
  ];
  const rows = result.arms.map((arm) =>
    el(
      'tr',
      { dataset: { arm: arm.name } },
      el('th', { scope: 'row' }, arm.name, arm.name === result.control ? el('span', { class: 'badge' }, 'control') : null),
      cell(arm.n, (x) => count(x, { exact: true }), 'no rows', 'n'),
      cell(arm.mean, exact, arm.n === 0 ? 'no rows' : 'not defined for these data', 'mean'),
      intervalCell(arm.ci, exact, seReason(arm.n), 'ci'),
      hasCovariate && cell(arm.covariate_mean, exact, 'not defined for these data', 'covariate-mean'),
    ),
  );
  return block(
    'Groups table',
    table(`Groups: ${result.outcome} by ${result.arm}`, heads, rows, 'arms-table'),
    definitions([
      ['Rows', 'rows in the group with the outcome present (rows with a missing value are dropped)'],
      ['Mean', d.mean],
      [`${confidence} CI`, d.arm_ci],
    ]),
  );
}

export function comparisonsSection(result) {
  const d = result.definitions;
  const confidence = pct(result.confidence);
  const controlMean = result.arms.find((a) => a.name === result.control)?.mean;
  const liftReason = controlMean === 0 ? 'control mean is 0' : 'not defined for these data';
  const heads = [
    header('Group'),
    header('Difference', d.diff),
    header(`${confidence} CI`, d.diff_ci),
    header('p-value', d.p_value),
    header('Relative lift', d.relative_lift),
    header(`Lift ${confidence} CI`, d.relative_lift_ci),
  ];
  const rows = result.comparisons.map((c) =>
    el(
      'tr',
      { dataset: { arm: c.arm } },
      el('th', { scope: 'row' }, `${c.arm} vs ${c.vs}`),
      cell(c.diff, exact, 'not defined for these data', 'diff'),
      intervalCell(c.ci, exact, 'not defined for these data', 'ci'),
      cell(c.p_value, pValue, 'not defined for these data', 'p'),
      cell(c.relative_lift, signedPct, liftReason, 'lift'),
      intervalCell(c.relative_lift_ci, signedPct, liftReason, 'lift-ci'),
    ),
  );
  return block(
    'Comparisons table',
    table(`Each group vs the control group (${result.control})`, heads, rows, 'comparisons-table'),
    definitions([
      ['Difference', d.diff],
      [`${confidence} CI`, d.diff_ci],
      ['p-value', d.p_value],
      ['Relative lift', d.relative_lift],
      [`Lift ${confidence} CI`, d.relative_lift_ci],
    ]),
  );
}

export function cupedSection(result) {
  const d = result.definitions;
  const cuped = result.cuped;
  const confidence = pct(result.confidence);
  if (!cuped) {
    return el('section', { class: 'table-block' }, el('p', { class: 'muted', id: 'cuped-none' }, 'CUPED: no covariate chosen. Pick a column measured before the test (e.g. past spend) to reduce the variance of the differences.'));
  }
  const raw = new Map(result.comparisons.map((c) => [c.arm, c]));
  const heads = [
    header('Group'),
    header('Adjusted difference', d.cuped),
    header(`${confidence} CI`, 'Welch interval on the CUPED-adjusted outcome'),
    header('p-value', d.p_value),
    header('Raw difference', d.diff),
    header('Variance reduction', d.variance_reduction),
  ];
  const rows = cuped.comparisons.map((c) =>
    el(
      'tr',
      { dataset: { arm: c.arm } },
      el('th', { scope: 'row' }, `${c.arm} vs ${c.vs}`),
      cell(c.diff, exact, 'not defined for these data', 'diff'),
      intervalCell(c.ci, exact, 'not defined for these data', 'ci'),
      cell(c.p_value, pValue, 'not defined for these data', 'p'),
      cell(raw.get(c.arm)?.diff, exact, 'not defined for these data', 'raw-diff'),
      cell(c.variance_reduction, (x) => pct(x), 'not defined for these data', 'variance-reduction'),
    ),
  );
  return block(
    'CUPED table',
    table(`CUPED with covariate ${cuped.covariate} (θ = ${num(cuped.theta)}; variance reduction ${pct(cuped.variance_reduction)} overall)`, heads, rows, 'cuped-table'),
    definitions([
      ['Adjusted difference', d.cuped],
      ['θ (theta)', 'the pooled within-group slope of the outcome on the covariate, used to adjust each row'],
      ['Variance reduction', d.variance_reduction],
    ]),
  );
}
