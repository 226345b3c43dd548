// The three result tables of the A/B readout (arms, raw comparisons, CUPED),
// each followed by the one-line definitions of its numbers.
import { el } from '../dom.js';
import { fmtInt, fmtInterval, fmtNum, fmtP, fmtPct } from '../format.js';

/** A number cell, or "n/a" plus the reason the core returned null. */
function num(text, reason, kind = 'value') {
  if (text != null) return el('td', { class: 'num', dataset: { kind } }, text);
  return el('td', { class: 'num na', dataset: { kind }, title: reason }, 'n/a', el('span', { class: 'na-reason' }, ` (${reason})`));
}

function header(label, definition) {
  return el('th', { scope: 'col', title: definition ?? null }, label);
}

function table(caption, heads, rows, id) {
  return el(
    'table',
    { class: 'result-table', id },
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, heads)),
    el('tbody', {}, rows),
  );
}

function definitions(items) {
  return el(
    'dl',
    { class: 'definitions' },
    items.filter(([, text]) => text).map(([term, text]) => [el('dt', {}, term), el('dd', {}, text)]),
  );
}

const seReason = (n) => (n != null && n < 2 ? 'needs at least 2 rows' : 'not defined for these data');

function armsSection(result) {
  const d = result.definitions;
  const confidence = fmtPct(result.confidence);
  const hasCovariate = result.cuped != null;
  const heads = [
    header('Arm'),
    header('Rows', 'rows in the arm with the outcome (and covariate) present'),
    header('Mean', d.mean),
    header(`${confidence} CI`, d.arm_ci),
    hasCovariate && header(`Mean ${result.cuped.covariate}`, 'average of the CUPED covariate in the arm'),
  ];
  const rows = result.arms.map((arm) =>
    el(
      'tr',
      { dataset: { arm: arm.name } },
      el('th', { scope: 'row' }, arm.name, arm.name === result.control ? el('span', { class: 'badge' }, 'control') : null),
      num(fmtInt(arm.n), 'no rows', 'n'),
      num(fmtNum(arm.mean), arm.n === 0 ? 'no rows' : 'not defined for these data', 'mean'),
      num(fmtInterval(arm.ci), seReason(arm.n), 'ci'),
      hasCovariate && num(fmtNum(arm.covariate_mean), 'not defined for these data', 'covariate-mean'),
    ),
  );
  return el(
    'section',
    { class: 'table-block' },
    table(`Arms: ${result.outcome} by ${result.arm}`, heads, rows, 'arms-table'),
    definitions([
      ['Rows', 'rows in the arm with the outcome present (rows with a missing value are dropped)'],
      ['Mean', d.mean],
      [`${confidence} CI`, d.arm_ci],
    ]),
  );
}

function comparisonsSection(result) {
  const d = result.definitions;
  const confidence = fmtPct(result.confidence);
  const controlMean = result.arms.find((a) => a.name === result.control)?.mean;
  const liftReason = controlMean === 0 ? 'control mean is 0' : 'not defined for these data';
  const heads = [
    header('Arm'),
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
      num(fmtNum(c.diff), 'not defined for these data', 'diff'),
      num(fmtInterval(c.ci), 'not defined for these data', 'ci'),
      num(fmtP(c.p_value), 'not defined for these data', 'p'),
      num(fmtPct(c.relative_lift, { signed: true }), liftReason, 'lift'),
      num(fmtInterval(c.relative_lift_ci, (x) => fmtPct(x, { signed: true })), liftReason, 'lift-ci'),
    ),
  );
  return el(
    'section',
    { class: 'table-block' },
    table(`Each arm vs control (${result.control})`, heads, rows, 'comparisons-table'),
    definitions([
      ['Difference', d.diff],
      [`${confidence} CI`, d.diff_ci],
      ['p-value', d.p_value],
      ['Relative lift', d.relative_lift],
      [`Lift ${confidence} CI`, d.relative_lift_ci],
    ]),
  );
}

function cupedSection(result) {
  const d = result.definitions;
  const cuped = result.cuped;
  const confidence = fmtPct(result.confidence);
  if (!cuped) {
    return el(
      'section',
      { class: 'table-block' },
      el('p', { class: 'muted', id: 'cuped-none' }, 'CUPED: no covariate chosen. Pick a pre-period column (e.g. past spend) to reduce the variance of the differences.'),
    );
  }
  const raw = new Map(result.comparisons.map((c) => [c.arm, c]));
  const heads = [
    header('Arm'),
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
      num(fmtNum(c.diff), 'not defined for these data', 'diff'),
      num(fmtInterval(c.ci), 'not defined for these data', 'ci'),
      num(fmtP(c.p_value), 'not defined for these data', 'p'),
      num(fmtNum(raw.get(c.arm)?.diff), 'not defined for these data', 'raw-diff'),
      num(fmtPct(c.variance_reduction), 'not defined for these data', 'variance-reduction'),
    ),
  );
  const theta = fmtNum(cuped.theta) ?? 'n/a';
  const overall = fmtPct(cuped.variance_reduction) ?? 'n/a';
  return el(
    'section',
    { class: 'table-block' },
    table(`CUPED with covariate ${cuped.covariate} (θ = ${theta}; variance reduction ${overall} overall)`, heads, rows, 'cuped-table'),
    definitions([
      ['Adjusted difference', d.cuped],
      ['θ (theta)', 'the pooled within-arm slope of the outcome on the covariate, used to adjust each row'],
      ['Variance reduction', d.variance_reduction],
    ]),
  );
}

/** Replaces the contents of `container` with the tables for one abtest result. */
export function renderTables(container, result) {
  container.replaceChildren(armsSection(result), comparisonsSection(result), cupedSection(result));
}
