// The four numbered steps under the story, each a chart and a sentence or two, and the Details below:
// 1. who books anyway (the cost paid on bookings that happen anyway; in the simulated world, guess which
//    hidden kind should get the discount, then reveal the truth), 2. the plan against the plans people
//    use, 3. which offer for whom (and why an offer gets nobody), 4. how sure the cost is.
import { el } from '../dom.js';
import { setStep, value } from '../kit/story.js';
import { widthOf } from '../kit/plot.js';
import { count, duration, money, num, pct } from '../kit/format.js';
import { atBudget, costSplitChart, frontierChart, kindsChart, offersChart, PLANS, riskChart } from './chart.js';

// The hidden kinds in a sentence.
const KINDS = { books_anyway: 'customers who book anyway', price_sensitive: 'price-sensitive customers', sleeping_dog: 'sleeping dogs', lost_cause: 'lost causes' };
const kindName = (k) => KINDS[k] ?? k;
import { nobodyReasons } from './reasons.js';
import { renderDetails } from './tables.js';

const $ = (id) => document.getElementById(id);
const width = (id) => widthOf($(id)?.closest('.step') ?? $(id), { min: 280, max: 760 }) - 34;
const list = (items) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

const simulated = (shown) => shown.entry.kind === 'sim';
const revealed = (shown) => !simulated(shown) || $('truth').checked;

function stepOne(shown, { label }) {
  const p = shown.result.plan;
  const anyway = p.cost_on_converters_anyway;
  const reading = p.expected_cost > 0
    ? ['Of the ', value(p.expected_cost, money(p.expected_cost)), ' the plan spends, ', value(anyway, money(anyway)), ` (${pct(anyway / p.expected_cost, { digits: 2 })}) pays for bookings that would have happened anyway: a discount is paid on every booking it gets, not only on the extra ones.`]
    : ['The plan spends nothing, so nothing is paid on bookings that would have happened anyway.'];
  setStep('step-1', reading);
  $('guess').hidden = !simulated(shown);
  showTruth(shown, { label });
}

/** Step 1's chart and its second sentence: the hidden kinds once revealed (or a user's segments). */
export function showTruth(shown, { label }) {
  const { result } = shown;
  const box = $('guess-result');
  if (!result.per_segment || !revealed(shown)) {
    box.hidden = true;
    $('kinds-chart').replaceChildren(costSplitChart(result, { width: width('kinds-chart') }));
    return;
  }
  $('kinds-chart').replaceChildren(kindsChart(result, { width: width('kinds-chart'), offerLabel: label }));
  const segs = result.per_segment.segments.map((s) => ({ ...s, given: s.customers - (s.counts.none ?? 0) }));
  const got = segs.filter((s) => s.given > 0).sort((a, b) => b.given - a.given);
  const none = segs.filter((s) => s.given === 0).map((s) => kindName(s.segment));
  if (!simulated(shown)) {
    box.hidden = false;
    box.replaceChildren(`Per ${result.per_segment.column}: ${got.map((s) => `${count(s.given)} of ${count(s.customers)} ${s.segment}`).join(', ') || 'nobody'} get an offer.`);
    return;
  }
  const parts = [
    el('strong', {}, 'The truth: '),
    got.length ? `the plan gives its offers to ${list(got.map((s) => `${count(s.given)} of the ${count(s.customers)} ${kindName(s.segment)}`))}` : 'the plan gives nobody an offer',
    none.length ? `, and none to the ${list(none)}` : '',
    '. Book anyway: they book without a discount, so it only costs. Price-sensitive: a discount makes them book. Sleeping dogs: a discount puts them off. Lost causes: they hardly book either way.',
  ];
  const guess = $('guess-kind').value;
  if (guess) {
    const g = segs.find((s) => s.segment === guess);
    const best = got[0]?.segment;
    parts.push(` You guessed the ${kindName(guess)}: ${guess === best ? 'right' : `the plan gives ${g ? count(g.given) : 'no'} of them an offer`}.`);
  }
  box.hidden = false;
  box.replaceChildren(...parts);
}

function stepTwo(shown, base) {
  const { result } = shown;
  const f = result.frontier;
  if (!f) return setStep('step-2', 'No frontier was computed.', null);
  const at = (key) => atBudget(f, key, result.budget);
  const cheapest = [...f.everyone].sort((a, b) => a.cost - b.cost)[0];
  const reading = [
    'At ', value(result.budget, money(result.budget)), ' this plan gets about ', value(result.plan.incremental_conversions, num(result.plan.incremental_conversions)),
    ' extra bookings; giving the offer to the likeliest buyers first gets about ', value(at('response'), num(at('response'))),
    ', random picks about ', value(at('random'), num(at('random'))), '.',
    cheapest ? [` Giving everyone ${cheapest.offer} would cost `, value(cheapest.cost, money(cheapest.cost)), ' for ', value(cheapest.incremental_conversions, num(cheapest.incremental_conversions)), '.'] : '',
    simulated(shown) ? ' The likeliest buyers are mostly customers who book anyway, so a discount changes little for them.' : '',
  ];
  setStep('step-2', reading, frontierChart(result, base, { width: width('frontier-chart'), zoom: false }));
}

function stepThree(shown, { probes, label }) {
  const { result } = shown;
  const given = result.per_offer.filter((o) => o.customers > 0);
  const reading = given.length
    ? [list(given.map((o) => `${count(o.customers)} ${o.customers === 1 ? 'customer gets' : 'customers get'} ${label(o.offer)}`)), '; ', value(result.plan.counts.none, count(result.plan.counts.none)), ' get no offer. Each customer gets the offer whose extra bookings cost least, until the budget is spent.']
    : ['Nobody gets an offer at this budget.'];
  setStep('step-3', reading, offersChart(result, { width: width('offers-chart'), offerLabel: label }));
  const reasons = nobodyReasons(result, probes, { label });
  $('nobody').replaceChildren(...reasons.map((r) => el('p', { class: 'nobody-reason', dataset: { offer: r.offer } }, ...r.parts)));
}

function stepFour(shown, { onPlanMean }) {
  const { result } = shown;
  const r = result.risk;
  if (!(r.sd > 0)) return setStep('step-4', 'The plan targets nobody, so its cost is 0 for sure.', null);
  const q = result.cost_quantile;
  const reading = [
    'Bookings are random, so the cost is too: 90% of the time it lands between ', value(r.q05, money(r.q05)), ' and ', value(r.q95, money(r.q95)),
    ', with a ', value(r.p_exceed_budget, pct(r.p_exceed_budget, { digits: 2 })), ' chance of exceeding the budget.',
    q ? [` Planned to the ${pct(q.quantile, { digits: 2 })} quantile: the plan is made for `, value(q.planning_budget, money(q.planning_budget)), ' so that the cost stays within the budget that often.'] : r.p_exceed_budget > 0.2 ? ' The story above offers to plan to the 95% quantile.' : '',
  ];
  setStep('step-4', reading, riskChart(result, { width: width('risk-chart') }));
  $('risk-warning').replaceChildren(...(q ? [el('button', { type: 'button', class: 'secondary small', id: 'plan-mean', onclick: onPlanMean }, 'Plan to the expected cost instead')] : []));
}

const OBJECTIVES = { conversions: 'maximising extra bookings', profit: 'maximising extra profit' };
const SOLVERS = { lagrangian: 'LP path, rounded', greedy: 'greedy', exact: 'exact DP' };

function summary(shown, { source, ms }) {
  const { result } = shown;
  return [source, `${count(result.rows)} customers`, `${result.offers.length} offers`, OBJECTIVES[result.objective] ?? result.objective, `solver: ${SOLVERS[result.solver] ?? result.solver}`]
    .map((t) => el('span', {}, t))
    .concat(el('span', { id: 'solve-time', dataset: { ms: String(Math.round(ms)) } }, `solved in ${duration(ms)}`));
}

/** Steps 1-4 and the Details for the plan on screen. */
export function renderSteps(shown, { probes, label, source, ms, onPlanMean, baseline }) {
  stepOne(shown, { label });
  stepTwo(shown, baseline);
  stepThree(shown, { probes, label });
  stepFour(shown, { onPlanMean });
  $('summary').replaceChildren(...summary(shown, { source, ms }));
  const caption = !shown.result.per_segment ? null : simulated(shown) ? (revealed(shown) ? 'The truth: the plan per hidden customer kind (unknown in real data)' : null) : `The plan per ${shown.result.per_segment.column}`;
  renderDetails($('details'), shown.result, { segmentCaption: caption, planNames: PLANS });
}
