// The story's words: the answer sentence against the pinned baseline ("Cutting the budget from $5,000
// to $4,000 loses about 24 bookings (−14%); ROI rises from 1.38 to 1.44."), the four cards, and the
// overspend warning with its one-click fix. Every number is a kit value() span carrying the exact one.
import { card, value, warning } from '../kit/story.js';
import { count, isNum, money, num, pct } from '../kit/format.js';

/** What the baseline keeps of an answer ({result}). */
export function summarise({ result }) {
  const p = result.plan;
  return { budget: result.budget, conversions: p.incremental_conversions, cost: p.expected_cost, roi: p.roi, targeted: p.targeted, profit: p.incremental_profit, objective: result.objective };
}

const same = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
// Whole bookings from 10 up ("about 28 bookings"), two figures below.
const bookings = (x) => {
  const a = Math.abs(x);
  return `${a >= 10 ? count(a) : num(a, { digits: 2 })} ${a >= 0.5 && a < 1.5 ? 'booking' : 'bookings'}`;
};

function relative(now, before) {
  if (!(isNum(now) && isNum(before)) || before === 0) return '';
  return ` (${pct((now - before) / Math.abs(before), { digits: 2, signed: true })})`;
}

function roiClause(result, base) {
  const roi = result.plan.roi;
  if (!isNum(roi)) return [];
  if (!isNum(base.roi)) return ['; ROI is ', value(roi, num(roi)), '.'];
  if (num(roi) === num(base.roi)) return ['; ROI stays at ', value(roi, num(roi)), '.'];
  return [`; ROI ${roi > base.roi ? 'rises' : 'falls'} from `, value(base.roi, num(base.roi)), ' to ', value(roi, num(roi)), '.'];
}

function bookingsChange(now, before, { verbs = ['adds', 'loses'] } = {}) {
  const d = now - before;
  if (Math.abs(d) < 0.05) return ['changes the extra bookings by less than 0.1'];
  return [`${d > 0 ? verbs[0] : verbs[1]} about `, value(d, bookings(d)), relative(now, before)];
}

/** The core's message with its long numbers rounded for reading ("(1.2470516737239428)" → "(1.25)"). */
export const readable = (text) => String(text ?? '').replace(/\d+\.\d{3,}(?:e[+-]?\d+)?/g, (m) => num(Number(m)));

/** When the ROI floor, not the budget, stops the plan: the clause saying so. */
function floorClause(result) {
  if (result.lp_bound?.binding !== 'roi_floor') return [];
  return [' The ROI floor of ', value(result.roi_floor, num(result.roi_floor)), ' stops the plan at ', value(result.plan.expected_cost, money(result.plan.expected_cost)), ' of the budget.'];
}

/** The answer sentence, as parts for setAnswer(). */
export function answerParts(result, base) {
  return [...sentence(result, base), ...floorClause(result)];
}

function sentence(result, base) {
  const p = result.plan;
  const B = result.budget;
  if (!p.targeted) return ['With a budget of ', value(B, money(B)), ' nobody gets an offer: ', readable(result.message) || 'no offer adds bookings', '.'];
  if (base && !same(B, base.budget)) {
    return [
      `${B < base.budget ? 'Cutting' : 'Raising'} the budget from `,
      value(base.budget, money(base.budget)),
      ' to ',
      value(B, money(B)),
      ' ',
      ...bookingsChange(p.incremental_conversions, base.conversions),
      ...roiClause(result, base),
    ];
  }
  if (base && !same(p.incremental_conversions, base.conversions)) {
    return [
      'At the same budget of ',
      value(B, money(B)),
      ', these settings get about ',
      value(p.incremental_conversions, num(p.incremental_conversions)),
      ' extra bookings, ',
      value(p.incremental_conversions - base.conversions, num(Math.abs(p.incremental_conversions - base.conversions))),
      p.incremental_conversions > base.conversions ? ' more' : ' fewer',
      ' than the baseline',
      relative(p.incremental_conversions, base.conversions),
      ...roiClause(result, base),
    ];
  }
  const roi = isNum(p.roi) ? ['; the ROI is ', value(p.roi, num(p.roi))] : [];
  return [
    'A budget of ',
    value(B, money(B)),
    ' buys about ',
    value(p.incremental_conversions, num(p.incremental_conversions)),
    ' extra bookings (',
    value(p.targeted, count(p.targeted)),
    ` ${p.targeted === 1 ? 'customer gets' : 'customers get'} an offer)`,
    ...roi,
    '.',
  ];
}

/** The four cards, each with its change against the baseline. */
export function cards(result, base, { customers }) {
  const p = result.plan;
  const anyway = p.expected_cost > 0 ? `${money(p.cost_on_converters_anyway)} of it on bookings that happen anyway` : 'nothing spent';
  return [
    card({ kind: 'conversions', title: 'Extra bookings', x: p.incremental_conversions, text: num(p.incremental_conversions), baseline: base?.conversions, unit: 'bookings', note: 'that the offers add' }),
    card({ kind: 'cost', title: 'Cost', x: p.expected_cost, text: money(p.expected_cost), baseline: base?.cost, f: money, good: 'down', note: anyway }),
    card({ kind: 'roi', title: 'ROI', x: p.roi, text: isNum(p.roi) ? num(p.roi) : 'n/a', baseline: base?.roi, note: isNum(p.roi) ? 'booking value per $1' : 'no value per booking given' }),
    card({ kind: 'reach', title: 'Customers reached', x: p.targeted, text: count(p.targeted), baseline: base?.targeted, f: count, note: `of ${count(customers)}` }),
  ];
}

/** Above this chance of spending more than the budget, the page says so. */
export const RISK_LIMIT = 0.2;

/** The overspend warning with "Plan to the 95% quantile", or null when the risk is small. */
export function riskWarning(result, onFix) {
  const r = result.risk;
  if (!(r.p_exceed_budget > RISK_LIMIT) || result.cost_quantile) return null;
  return warning(
    `there is a ${pct(r.p_exceed_budget, { digits: 2 })} chance that this plan costs more than the ${money(result.budget)} budget (bookings are random, so the cost is too). Planning to the 95% quantile keeps it within the budget 95% of the time. `,
    { id: 'plan-95', label: 'Plan to the 95% quantile', onClick: onFix },
  );
}
