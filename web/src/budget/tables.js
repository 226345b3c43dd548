// The analyst's part, under "Details": the plan per offer, per segment (in the simulated world: the
// hidden customer kinds, shown once the truth is revealed), the LP bound and gap, the cost risk, and
// every definition in the core's words. Cells are rounded; each carries its exact value (data-value).
import { el, dl } from '../dom.js';
import { count, isNum, money, num, pct } from '../kit/format.js';
import { details, value } from '../kit/story.js';

const NO_COST = 'no cost, so no ROI';

function cell(x, f, kind, reason = 'not reported') {
  if (isNum(x)) return el('td', { class: 'num', dataset: { kind } }, value(x, f(x)));
  return el('td', { class: 'num na', dataset: { kind }, title: reason }, 'n/a', el('span', { class: 'na-reason' }, ` (${reason})`));
}

const head = (cols) => el('thead', {}, el('tr', {}, cols.map(([h, t]) => el('th', { scope: 'col', title: t }, h))));

function offerTable(result) {
  const d = result.definitions;
  const cols = [
    ['Offer', null],
    ['Customers', 'customers the plan gives this offer'],
    ['Extra bookings', d.incremental_conversions],
    ['Expected cost', d.expected_cost],
    ['… paid on bookings anyway', d.cost_on_converters_anyway],
    ['ROI', d.roi],
  ];
  const row = (attrs, name, o, roiReason) =>
    el('tr', attrs, el('th', { scope: 'row' }, name), cell(o.customers, count, 'customers'), cell(o.incremental_conversions, num, 'conversions'), cell(o.expected_cost, money, 'cost'), cell(o.cost_on_converters_anyway, money, 'anyway'), cell(o.roi, num, 'roi', roiReason));
  const p = result.plan;
  const table = el(
    'table',
    { class: 'result-table', id: 'offer-table' },
    el('caption', {}, 'The plan per offer'),
    head(cols),
    el('tbody', {}, [
      row({ dataset: { offer: 'none' } }, 'none (no offer)', { customers: p.counts.none, incremental_conversions: 0, expected_cost: 0, cost_on_converters_anyway: 0, roi: null }, NO_COST),
      ...result.per_offer.map((o) => row({ dataset: { offer: o.offer } }, o.offer, o, o.customers ? 'no value per booking given' : NO_COST)),
    ]),
    el('tfoot', {}, row({ dataset: { row: 'total' } }, 'Plan', { customers: p.targeted, ...p }, p.targeted ? 'no value per booking given' : NO_COST)),
  );
  return [table, dl(cols.slice(1))];
}

function segmentTable(result, caption) {
  const seg = result.per_segment;
  const d = result.definitions;
  const names = ['none', ...result.per_offer.map((o) => o.offer)];
  const table = el(
    'table',
    { class: 'result-table', id: 'segment-table' },
    el('caption', {}, caption),
    head([[seg.column, null], ['Customers', 'customers in the segment'], ...names.map((n) => [n, `customers given ${n}`]), ['Extra bookings', d.incremental_conversions], ['Expected cost', d.expected_cost], ['ROI', d.roi]]),
    el(
      'tbody',
      {},
      seg.segments.map((s) =>
        el('tr', { dataset: { segment: s.segment } }, el('th', { scope: 'row' }, s.segment), cell(s.customers, count, 'customers'), names.map((n) => cell(s.counts[n], count, `count-${n}`)), cell(s.incremental_conversions, num, 'conversions'), cell(s.expected_cost, money, 'cost'), cell(s.roi, num, 'roi', NO_COST)),
      ),
    ),
  );
  return [table, dl([['Per segment', d.per_segment]])];
}

function rowsTable(id, caption, rows, reason) {
  return el('table', { class: 'result-table', id }, el('caption', {}, caption), el('tbody', {}, rows.map(([label, x, f, kind, def]) => el('tr', {}, el('th', { scope: 'row', title: def }, label), cell(x, f, kind, reason)))));
}

function riskPart(result) {
  const r = result.risk;
  const rows = [
    ['Expected cost', r.mean, money, 'mean', 'the mean of the realised cost: the plan’s expected cost'],
    ['Standard deviation', r.sd, money, 'sd', 'how far realised cost typically lands from its mean'],
    ['P(cost > budget)', r.p_exceed_budget, (x) => pct(x), 'p-exceed', 'the probability that realised cost exceeds the budget (normal approximation)'],
    ['5% quantile', r.q05, money, 'q05', 'realised cost is below this with probability 5%'],
    ['Median', r.q50, money, 'q50', 'realised cost is below this with probability 50%'],
    ['95% quantile', r.q95, money, 'q95', 'realised cost is below this with probability 95%'],
  ];
  return [rowsTable('risk-table', 'Cost risk of the plan', rows, 'the plan targets nobody'), dl([['Risk', result.definitions.risk], ['Method', r.method], ...rows.map(([label, , , , def]) => [label, def])])];
}

function lpPart(result) {
  const d = result.definitions;
  const lp = result.lp_bound;
  const u = result.unconstrained;
  const rows = [
    ['LP bound: objective', lp.objective_value, num, 'lp-objective', d.lp_bound],
    ['Gap (absolute)', result.gap.absolute, (x) => num(x), 'gap', d.gap],
    ['Gap (relative)', result.gap.relative, (x) => pct(x), 'gap-relative', d.gap],
    ['Unconstrained: cost', u.cost, money, 'unconstrained-cost', d.unconstrained],
    ['Unconstrained: extra bookings', u.incremental_conversions, num, 'unconstrained-conversions', d.unconstrained],
    ['Incremental value', result.plan.incremental_value, money, 'value', d.incremental_value],
    ['Incremental profit', result.plan.incremental_profit, money, 'profit', d.incremental_profit],
    ['Steps on the LP path', result.path_steps, count, 'steps', 'hull segments over all customers, taken in order of value per unit cost'],
  ];
  const notes = [['Binding constraint', `${lp.binding}: which limit stops the LP path (the budget, the ROI floor, or none: every step that adds value is taken)`], ['Objective value', d.objective_value], ['ROI floor', result.roi_floor_handling]];
  if (result.exact) notes.push(['Exact solver', result.exact.note]);
  if (result.cost_quantile) notes.push(['Cost quantile', `${d.cost_quantile}; planned at ${money(result.cost_quantile.planning_budget)} (${result.cost_quantile.rule})`]);
  return [rowsTable('lp-table', 'Bound, gap and the end of the path', rows, 'no value per booking given'), dl([...rows.map(([label, , , , def]) => [label, def]), ...notes])];
}

function howPart(result, planNames) {
  const d = result.definitions;
  const f = result.frontier;
  const items = [
    ['LP path', 'each customer’s options (no offer, each discount) sorted into steps by extra bookings per dollar (the upper hull); the plan takes the steps in order until the budget is spent, rounding the one customer split between two options (the multiple-choice knapsack, solved through its LP relaxation)'],
    ['Frontier', d.frontier],
  ];
  if (f) items.push([planNames.uplift, f.uplift_rule], [planNames.response, f.response_rule], [planNames.random, f.random_rule], [planNames.everyone, f.everyone_rule]);
  items.push(['Why an offer gets nobody', 'the page plans the same data again at 24 budgets from 0.2% to 100% of the unconstrained cost (no ROI floor, no quantile) and narrows down, by halving, the budget where each offer first gets customers'], ['Solve time', 'wall-clock time of this solve, page → engine worker → page (includes the frontier and the risk)']);
  return [dl(items)];
}

/** The Details drawers. `truthCaption`: the segment table's caption, or null to hold it back (not revealed yet). */
export function renderDetails(container, result, { segmentCaption, planNames }) {
  const drawers = [details('The plan per offer', ...offerTable(result))];
  if (result.per_segment && segmentCaption) drawers.push(details(segmentCaption, ...segmentTable(result, segmentCaption)));
  drawers.push(details('Cost risk: the numbers', ...riskPart(result)), details('Bound, gap and the end of the path', ...lpPart(result)), details('How is this computed? (definitions)', ...howPart(result, planNames)));
  const open = new Set([...container.querySelectorAll('details[open] > summary')].map((s) => s.textContent));
  for (const d of drawers) if (open.has(d.querySelector('summary').textContent)) d.open = true;
  container.replaceChildren(...drawers);
}
