// The plan's tables: one row per offer level (with "none"), one per segment
// when the result has them (in the simulated world: the hidden customer
// kinds, "the truth"), and the cost risk. Every number's definition follows
// its table, in the core's words (result.definitions).
import { el, dl } from '../dom.js';
import { fmtInt, fmtNum, fmtPct } from '../format.js';

function num(text, reason, kind) {
  if (text != null) return el('td', { class: 'num', dataset: { kind } }, text);
  return el('td', { class: 'num na', dataset: { kind }, title: reason }, 'n/a', el('span', { class: 'na-reason' }, ` (${reason})`));
}

const NO_COST = 'no cost, so no ROI';

function offerTable(result) {
  const d = result.definitions;
  const heads = [
    ['Offer', null],
    ['Customers', 'customers the plan gives this offer'],
    ['Incremental conversions', d.incremental_conversions],
    ['Expected cost', d.expected_cost],
    ['… paid on converters anyway', d.cost_on_converters_anyway],
    ['ROI', d.roi],
  ];
  const rows = [
    el('tr', { dataset: { offer: 'none' } }, el('th', { scope: 'row' }, 'none (no offer)'), num(fmtInt(result.plan.counts.none), 'not reported', 'customers'), num('0', '', 'conversions'), num('0', '', 'cost'), num('0', '', 'anyway'), num(null, NO_COST, 'roi')),
    ...result.per_offer.map((o) =>
      el(
        'tr',
        { dataset: { offer: o.offer } },
        el('th', { scope: 'row' }, o.offer),
        num(fmtInt(o.customers), 'not reported', 'customers'),
        num(fmtNum(o.incremental_conversions), 'not reported', 'conversions'),
        num(fmtNum(o.expected_cost), 'not reported', 'cost'),
        num(fmtNum(o.cost_on_converters_anyway), 'not reported', 'anyway'),
        num(fmtNum(o.roi), o.customers ? 'no value per conversion given' : NO_COST, 'roi'),
      ),
    ),
  ];
  const p = result.plan;
  const foot = el(
    'tr',
    { dataset: { row: 'total' } },
    el('th', { scope: 'row' }, 'Plan'),
    num(fmtInt(p.targeted), '', 'customers'),
    num(fmtNum(p.incremental_conversions), '', 'conversions'),
    num(fmtNum(p.expected_cost), '', 'cost'),
    num(fmtNum(p.cost_on_converters_anyway), '', 'anyway'),
    num(fmtNum(p.roi), p.targeted ? 'no value per conversion given' : NO_COST, 'roi'),
  );
  const table = el(
    'table',
    { class: 'result-table', id: 'offer-table' },
    el('caption', {}, 'The plan per offer level'),
    el('thead', {}, el('tr', {}, heads.map(([h, t]) => el('th', { scope: 'col', title: t }, h)))),
    el('tbody', {}, rows),
    el('tfoot', {}, foot),
  );
  return el('section', { class: 'table-block' }, table, dl(heads.slice(1).map(([h, t]) => [h, t])));
}

function segmentTable(result, title) {
  const seg = result.per_segment;
  const d = result.definitions;
  const names = ['none', ...result.per_offer.map((o) => o.offer)];
  const table = el(
    'table',
    { class: 'result-table', id: 'segment-table' },
    el('caption', {}, title ?? `The plan per ${seg.column}`),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, seg.column), el('th', { scope: 'col', title: 'customers in the segment' }, 'Customers'), names.map((n) => el('th', { scope: 'col', title: `customers given ${n}` }, n)), el('th', { scope: 'col', title: d.incremental_conversions }, 'Incremental conversions'), el('th', { scope: 'col', title: d.expected_cost }, 'Expected cost'), el('th', { scope: 'col', title: d.roi }, 'ROI'))),
    el(
      'tbody',
      {},
      seg.segments.map((s) =>
        el(
          'tr',
          { dataset: { segment: s.segment } },
          el('th', { scope: 'row' }, s.segment),
          num(fmtInt(s.customers), '', 'customers'),
          names.map((n) => num(fmtInt(s.counts[n]), 'not reported', `count-${n}`)),
          num(fmtNum(s.incremental_conversions), '', 'conversions'),
          num(fmtNum(s.expected_cost), '', 'cost'),
          num(fmtNum(s.roi), NO_COST, 'roi'),
        ),
      ),
    ),
  );
  return el('section', { class: 'table-block' }, table, dl([['Per segment', d.per_segment]]));
}

function riskTable(result) {
  const r = result.risk;
  const d = result.definitions;
  const rows = [
    ['Expected cost', fmtNum(r.mean), 'mean', 'the mean of the realised cost: the plan’s expected cost'],
    ['Standard deviation', fmtNum(r.sd), 'sd', 'how far realised cost typically lands from its mean'],
    ['P(cost > budget)', fmtPct(r.p_exceed_budget), 'p-exceed', 'the probability that realised cost exceeds the budget (normal approximation)'],
    ['5% quantile', fmtNum(r.q05), 'q05', 'realised cost is below this with probability 5%'],
    ['Median', fmtNum(r.q50), 'q50', 'realised cost is below this with probability 50%'],
    ['95% quantile', fmtNum(r.q95), 'q95', 'realised cost is below this with probability 95%'],
  ];
  const table = el(
    'table',
    { class: 'result-table', id: 'risk-table' },
    el('caption', {}, 'Cost risk of the plan'),
    el('tbody', {}, rows.map(([label, text, kind, def]) => el('tr', {}, el('th', { scope: 'row', title: def }, label), num(text, 'the plan targets nobody', kind)))),
  );
  return el('section', { class: 'table-block' }, table, dl([['Risk', d.risk], ['Method', r.method], ...rows.map(([label, , , def]) => [label, def])]));
}

function lpTable(result) {
  const d = result.definitions;
  const lp = result.lp_bound;
  const u = result.unconstrained;
  const rows = [
    ['LP bound: objective', fmtNum(lp.objective_value), 'lp-objective', d.lp_bound],
    ['LP bound: binding constraint', lp.binding, 'lp-binding', 'which limit stops the LP path: the budget, the ROI floor, or none (every step that adds value is taken)'],
    ['Gap (absolute)', fmtNum(result.gap.absolute), 'gap', d.gap],
    ['Gap (relative)', fmtPct(result.gap.relative, { digits: 3 }), 'gap-relative', d.gap],
    ['Unconstrained: cost', fmtNum(u.cost), 'unconstrained-cost', d.unconstrained],
    ['Unconstrained: incremental conversions', fmtNum(u.incremental_conversions), 'unconstrained-conversions', d.unconstrained],
    ['Incremental value', fmtNum(result.plan.incremental_value), 'value', d.incremental_value],
    ['Incremental profit', fmtNum(result.plan.incremental_profit), 'profit', d.incremental_profit],
    ['Steps on the LP path', fmtInt(result.path_steps), 'steps', 'hull segments over all customers, taken in order of value per unit cost'],
  ];
  const table = el(
    'table',
    { class: 'result-table', id: 'lp-table' },
    el('caption', {}, 'Bound, gap and the end of the path'),
    el('tbody', {}, rows.map(([label, text, kind, def]) => el('tr', {}, el('th', { scope: 'row', title: def }, label), num(text, 'no value per conversion given', kind)))),
  );
  const notes = [['Objective value', d.objective_value], ['ROI floor', result.roi_floor_handling]];
  if (result.exact) notes.push(['Exact solver', result.exact.note]);
  if (result.cost_quantile) notes.push(['Cost quantile', d.cost_quantile]);
  return el('section', { class: 'table-block' }, table, dl([...rows.map(([label, , , def]) => [label, def]), ...notes]));
}

/** truthTitle: the segment table's caption when it shows the simulated world's hidden truth. */
export function renderTables(container, result, { truthTitle } = {}) {
  container.replaceChildren(offerTable(result), result.per_segment ? segmentTable(result, truthTitle) : '', lpTable(result));
}

export function renderRiskTable(container, result) {
  container.replaceChildren(riskTable(result));
}
