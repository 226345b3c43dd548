// Everything the budget page shows that is not a control: summary, headline
// cards (each with its definition), frontier, tables and the cost risk; the
// message box and progress line come from page-status.js.
import { el } from '../dom.js';
import { fmtInt, fmtNum, fmtPct } from '../format.js';
import { renderFrontier, renderRisk, PLANS } from './chart.js';
import { renderRiskTable, renderTables } from './tables.js';

const $ = (id) => document.getElementById(id);

export { clearMessage, showMessage, showProgress } from '../page-status.js';

const SOLVERS = { lagrangian: 'LP path, rounded', greedy: 'greedy', exact: 'exact DP' };

function summary(result, label, ms) {
  return [
    el('span', {}, label),
    el('span', {}, `${fmtInt(result.rows)} customers`),
    el('span', {}, `${result.offers.length} offers`),
    el('span', {}, `maximising incremental ${result.objective}`),
    el('span', {}, `solver: ${SOLVERS[result.solver] ?? result.solver}`),
    result.cost_quantile && el('span', { title: result.definitions.cost_quantile }, `planned at ${fmtNum(result.cost_quantile.planning_budget)} so that cost ≤ budget with ${fmtPct(result.cost_quantile.quantile)} probability`),
    el('span', { id: 'solve-time', dataset: { ms: String(Math.round(ms)) } }, `solved in ${fmtInt(ms)} ms`),
  ];
}

function card(kind, title, big, line, extra = {}) {
  return el('section', { class: 'headline-card', dataset: { kind, ...extra } }, el('h3', {}, title), el('p', { class: 'big' }, big ?? 'n/a'), el('p', {}, line));
}

/** The gap, with float noise (a relative 1e-9 of the bound) shown as 0. */
function gapText(result) {
  const { absolute, relative } = result.gap;
  if (Math.abs(absolute) <= 1e-9 * Math.max(1, Math.abs(result.lp_bound.objective_value))) return '0 (the plan reaches the bound)';
  return `${fmtNum(absolute)} (${fmtPct(relative) ?? 'n/a'})`;
}

function headline(result, truth) {
  const p = result.plan;
  const lp = result.lp_bound;
  const share = p.expected_cost > 0 ? fmtPct(p.cost_on_converters_anyway / p.expected_cost) : null;
  const roi = fmtNum(p.roi);
  return [
    card('conversions', truth ? 'True incremental bookings' : 'Incremental conversions', fmtNum(p.incremental_conversions), `${fmtInt(p.targeted)} customers get an offer${result.objective === 'profit' ? `; incremental profit ${fmtNum(p.incremental_profit) ?? 'n/a'}` : ''}`),
    card('cost', 'Expected cost', fmtNum(p.expected_cost), `${fmtNum(p.cost_on_converters_anyway)} of it${share ? ` (${share})` : ''} paid on customers who would have converted anyway`, { sign: p.within_budget ? 'positive' : 'negative' }),
    card('roi', 'ROI', roi ?? 'n/a', roi == null ? `n/a (${p.targeted ? 'no value per conversion given' : 'no cost: nobody targeted'})` : result.roi_floor == null ? 'no ROI floor' : `floor ${fmtNum(result.roi_floor)}: ${p.meets_roi_floor ? 'met' : 'not met'}`, { sign: p.meets_roi_floor ? 'positive' : 'negative' }),
    card('risk', 'P(cost > budget)', fmtPct(result.risk.p_exceed_budget) ?? 'n/a', result.risk.sd > 0 ? `95% of the time cost stays below ${fmtNum(result.risk.q95)}` : 'n/a (nobody targeted: cost is 0 for sure)', { sign: result.risk.p_exceed_budget > 0.5 ? 'negative' : 'positive' }),
    card('lp-bound', `LP bound (incremental ${result.objective})`, fmtNum(lp.objective_value), `gap ${gapText(result)}; binding: ${lp.binding}`),
  ];
}

function headlineDefinitions(result, truth) {
  const d = result.definitions;
  const items = [
    ['Incremental conversions', d.incremental_conversions + (truth ? '; in the simulated world the probabilities are the true ones, so this is the true expected number of extra bookings' : '')],
    ['Expected cost', d.expected_cost],
    ['Paid on converters anyway', d.cost_on_converters_anyway],
    ['ROI', d.roi],
    ['P(cost > budget)', 'the probability that realised cost exceeds the budget, conversions being random (normal approximation; see the cost risk below)'],
    ['LP bound', d.lp_bound],
    ['Gap', d.gap],
    ['Solve time', 'wall-clock time of this solve, page → engine worker → page (includes the frontier and the risk)'],
  ];
  return items.map(([t, text]) => [el('dt', {}, t), el('dd', {}, text)]);
}

function rules(result) {
  const f = result.frontier;
  if (!f) return '';
  return [`${PLANS.uplift}: ${f.uplift_rule}.`, `${PLANS.response}: ${f.response_rule}.`, `${PLANS.random}: ${f.random_rule}.`, `${PLANS.everyone}: ${f.everyone_rule}.`, `Frontier: ${result.definitions.frontier}.`].join(' ');
}

/** truth: the simulated world's hidden customer kinds are to be shown. */
export function showResult(result, { label, ms, truth, simulated }) {
  $('placeholder').hidden = true;
  $('results').hidden = false;
  $('summary').replaceChildren(...summary(result, label, ms).filter(Boolean));
  $('headline').replaceChildren(...headline(result, simulated));
  $('headline-definitions').replaceChildren(...headlineDefinitions(result, simulated).flat());
  const width = Math.max(480, Math.min($('chart').clientWidth || 760, 900));
  renderFrontier($('chart'), result, { width });
  $('chart-rules').textContent = rules(result);
  const shown = simulated && !truth ? { ...result, per_segment: undefined } : result;
  renderTables($('tables'), shown, { truthTitle: simulated ? 'The truth: the plan per hidden customer kind (unknown in real data)' : undefined });
  renderRisk($('risk-chart'), result, { width });
  renderRiskTable($('risk'), result);
}
