// The page's charts (Observable Plot through kit/plot.js, each with a text alternative):
// the frontier — extra bookings for what they cost, the plan (the LP path) against the plans people use
// instead (likeliest buyers first, random picks, everyone gets the offer) — near the budget (the story)
// or over the whole range (step 2); the offers given (step 3); the hidden customer kinds or the cost
// split (step 1); the realised cost's spread (step 4).
import { chart, COLORS, Plot, tickFormat } from '../kit/plot.js';
import { count, money, num, pct } from '../kit/format.js';
import { el } from '../dom.js';

export const PLANS = Object.freeze({
  uplift: 'This plan (who the offer changes)',
  response: 'Likeliest buyers first',
  random: 'Random picks',
  everyone: 'Everyone gets the offer',
});
const PLAN_COLORS = [COLORS.ours, COLORS.other, COLORS.muted, COLORS.bad];
// Axis ticks in thousands ("$50k"), so a phone-wide axis does not run its labels together.
const usd = tickFormat((x) => (Math.abs(x) >= 1000 ? `$${num(x / 1000)}k` : money(x)));

/** One row per frontier point and compared plan: {plan, cost, conversions}. */
export function frontierRows(frontier) {
  const rows = [];
  for (const p of frontier.points) {
    for (const key of ['uplift', 'response', 'random']) rows.push({ plan: PLANS[key], key, cost: p[key].cost, conversions: p[key].incremental_conversions });
  }
  return rows.filter((r) => Number.isFinite(r.cost) && Number.isFinite(r.conversions));
}

/** A compared plan's extra bookings at `budget`, read off its frontier line (linear between points). */
export function atBudget(frontier, key, budget) {
  const pts = frontier.points.map((p) => ({ budget: p.budget, y: p[key].incremental_conversions }));
  for (let i = 1; i < pts.length; i++) {
    if (pts[i].budget >= budget) {
      const a = pts[i - 1];
      const b = pts[i];
      const t = b.budget > a.budget ? (budget - a.budget) / (b.budget - a.budget) : 1;
      return a.y + t * (b.y - a.y);
    }
  }
  return pts.at(-1)?.y ?? NaN;
}

const colorScale = (n) => ({ domain: Object.values(PLANS).slice(0, n), range: PLAN_COLORS.slice(0, n), legend: true });

/**
 * The frontier with the current and the baseline budgets marked. `zoom`: x up to a few times the larger
 * of the two budgets (the story chart), else the whole range with the everyone-gets-it points.
 */
export function frontierChart(result, baseline, { width, zoom }) {
  const f = result.frontier;
  if (!f) return null;
  const budgets = [result.budget, baseline?.budget].filter(Number.isFinite);
  const end = result.unconstrained?.cost ?? f.points.at(-1).budget;
  const xMax = Math.max(zoom ? Math.min(end, Math.max(...budgets, end / 50) * 3) : Math.max(end, ...f.everyone.map((e) => e.cost)), ...budgets.map((b) => b * 1.1));
  const rows = frontierRows(f).filter((r) => r.cost <= xMax * 1.02);
  const everyone = zoom ? [] : f.everyone.map((e) => ({ plan: PLANS.everyone, cost: e.cost, conversions: e.incremental_conversions, offer: e.offer }));
  const plan = [{ cost: result.plan.expected_cost, conversions: result.plan.incremental_conversions, label: 'this plan' }];
  const marks = [
    Plot.line(rows, { x: 'cost', y: 'conversions', stroke: 'plan', strokeWidth: 2 }),
    Plot.dot(rows.filter((r) => r.key === 'uplift'), { x: 'cost', y: 'conversions', fill: 'plan', r: 1.5 }),
    Plot.ruleX([result.budget], { stroke: COLORS.ours, strokeWidth: 1.5 }),
    Plot.text([result.budget], { x: (d) => d, frameAnchor: 'top', text: (d) => `now ${money(d)}`, dx: 4, textAnchor: 'start', fill: COLORS.ours, fontWeight: 600 }),
    Plot.dot(plan, { x: 'cost', y: 'conversions', r: 6, stroke: '#111', strokeWidth: 2, fill: 'white', title: (d) => `This plan: ${money(d.cost)} for ${num(d.conversions)} extra bookings` }),
  ];
  if (baseline && Math.abs(baseline.budget - result.budget) > 1e-9 * Math.max(1, baseline.budget)) {
    marks.push(
      Plot.ruleX([baseline.budget], { stroke: '#555', strokeDasharray: '4,3' }),
      Plot.text([baseline.budget], { x: (d) => d, frameAnchor: 'top', dy: 16, text: (d) => `baseline ${money(d)}`, dx: 4, textAnchor: 'start', fill: '#555' }),
      Plot.dot([baseline], { x: 'cost', y: 'conversions', r: 5, stroke: '#555', fill: '#ddd', title: (d) => `Baseline: ${money(d.cost)} for ${num(d.conversions)} extra bookings` }),
    );
  }
  if (everyone.length) {
    marks.push(
      Plot.dot(everyone, { x: 'cost', y: 'conversions', fill: 'plan', symbol: 'square', r: 5, title: (d) => `Everyone gets ${d.offer}: ${money(d.cost)} for ${num(d.conversions)} extra bookings` }),
      Plot.text(everyone, { x: 'cost', y: 'conversions', text: (d) => d.offer, dy: -11, fill: COLORS.bad }),
    );
  }
  const atB = (key) => num(atBudget(f, key, result.budget));
  const alt = `Extra bookings against the budget. At ${money(result.budget)} this plan gets ${num(result.plan.incremental_conversions)} extra bookings; picking the likeliest buyers gets ${atB('response')}, random picks ${atB('random')}.`;
  return chart(
    {
      width,
      height: zoom ? 300 : 320,
      marginLeft: 50,
      marginTop: zoom ? 34 : 20,
      x: { label: 'Budget (expected cost)', domain: [0, xMax], grid: true, tickFormat: usd, ticks: Math.max(2, Math.floor(width / 120)), labelAnchor: 'center', labelArrow: 'none' },
      y: { label: 'Extra bookings', grid: true, nice: true, zero: true, tickFormat: tickFormat(), labelArrow: 'none' },
      color: colorScale(zoom ? 3 : 4),
      marks: [Plot.ruleY([0]), ...marks],
    },
    alt,
  );
}

/** Step 3: customers per offer (none included), labelled with the extra bookings each brings. */
export function offersChart(result, { width, offerLabel }) {
  const rows = [
    { offer: 'no offer', customers: result.plan.counts.none, conversions: 0 },
    ...result.per_offer.map((o) => ({ offer: offerLabel(o.offer), customers: o.customers, conversions: o.incremental_conversions })),
  ];
  const alt = `Customers per offer: ${rows.map((r) => `${r.offer} ${count(r.customers)}`).join(', ')}.`;
  return chart(
    {
      width,
      height: 40 + 34 * rows.length,
      marginLeft: 110,
      marginBottom: 36,
      x: { label: 'Customers', grid: true, tickFormat: tickFormat(count), labelAnchor: 'center', labelArrow: 'none' },
      y: { label: null, domain: rows.map((r) => r.offer) },
      marks: [
        Plot.barX(rows, { x: 'customers', y: 'offer', fill: (d) => (d.offer === 'no offer' ? COLORS.muted : COLORS.ours) }),
        Plot.text(rows, { x: 'customers', y: 'offer', text: (d) => (d.customers ? `${count(d.customers)}${d.conversions ? ` · +${num(d.conversions)} bookings` : ''}` : 'nobody'), dx: 4, textAnchor: 'start' }),
        Plot.ruleX([0]),
      ],
    },
    alt,
  );
}

export const KIND_NAMES = { books_anyway: 'book anyway', price_sensitive: 'price-sensitive', sleeping_dog: 'sleeping dogs', lost_cause: 'lost causes' };
export const kindName = (k) => KIND_NAMES[k] ?? k;

/** Step 1 (revealed): customers of each hidden kind, by the offer the plan gives them. */
export function kindsChart(result, { width, offerLabel }) {
  const seg = result.per_segment;
  const names = ['none', ...result.per_offer.map((o) => o.offer)];
  const rows = seg.segments.flatMap((s) => names.map((n) => ({ kind: kindName(s.segment), offer: n === 'none' ? 'no offer' : offerLabel(n), n: s.counts[n] ?? 0 })));
  const offers = ['no offer', ...result.per_offer.map((o) => offerLabel(o.offer))];
  const palette = [COLORS.muted, COLORS.ours, COLORS.other, COLORS.good, COLORS.truth, COLORS.bad, '#5a9bd4', '#b07aa1', '#888'];
  const alt = `Customers of each kind by the offer the plan gives them: ${seg.segments.map((s) => `${kindName(s.segment)} ${count(s.customers - (s.counts.none ?? 0))} of ${count(s.customers)} get an offer`).join('; ')}.`;
  return chart(
    {
      width,
      height: 60 + 34 * seg.segments.length,
      marginLeft: 110,
      marginBottom: 36,
      x: { label: 'Customers', grid: true, tickFormat: tickFormat(count), labelAnchor: 'center', labelArrow: 'none' },
      y: { label: null },
      color: { domain: offers, range: palette.slice(0, offers.length), legend: true },
      marks: [Plot.barX(rows, { x: 'n', y: 'kind', fill: 'offer', title: (d) => `${d.kind}: ${count(d.n)} get ${d.offer}` }), Plot.ruleX([0])],
    },
    alt,
  );
}

/** Step 1 (before the reveal): where the money goes — extra bookings, or bookings that happen anyway. */
export function costSplitChart(result, { width }) {
  const p = result.plan;
  const anyway = p.cost_on_converters_anyway;
  const rows = [
    { part: 'on bookings that happen anyway', cost: anyway },
    { part: 'on the extra bookings (and offers sent)', cost: Math.max(0, p.expected_cost - anyway) },
  ];
  const alt = `Of the expected cost ${money(p.expected_cost)}, ${money(anyway)} is paid on bookings that would happen anyway.`;
  return chart(
    {
      width,
      height: 110,
      marginLeft: 10,
      marginBottom: 36,
      x: { label: 'Expected cost', tickFormat: usd, labelAnchor: 'center', labelArrow: 'none' },
      y: { axis: null },
      color: { domain: rows.map((r) => r.part), range: [COLORS.bad, COLORS.ours], legend: true },
      marks: [Plot.barX(rows, Plot.stackX({ x: 'cost', fill: 'part', title: (d) => `${money(d.cost)} ${d.part}` })), Plot.ruleX([0])],
    },
    alt,
  );
}

const normalPdf = (x, m, s) => Math.exp(-0.5 * ((x - m) / s) ** 2) / (s * Math.sqrt(2 * Math.PI));

/** Step 4: the realised cost's spread (normal approximation), the part above the budget in red. */
export function riskChart(result, { width }) {
  const { mean, sd } = result.risk;
  if (!(Number.isFinite(mean) && Number.isFinite(sd) && sd > 0)) return el('p', { class: 'muted' }, 'The plan targets nobody, so its cost is 0 for sure.');
  const budget = result.budget;
  const lo = Math.max(0, Math.min(mean - 4 * sd, budget - sd));
  const hi = Math.max(mean + 4 * sd, budget + sd);
  const pts = Array.from({ length: 161 }, (_, i) => {
    const x = lo + ((hi - lo) * i) / 160;
    return { x, y: normalPdf(x, mean, sd) };
  });
  const over = pts.filter((p) => p.x >= budget);
  const alt = `How the realised cost may land: mean ${money(mean)}, 95% of the time below ${money(result.risk.q95)}; a ${pct(result.risk.p_exceed_budget, { digits: 2 })} chance to exceed the ${money(budget)} budget (red).`;
  return chart(
    {
      width,
      height: 190,
      marginLeft: 20,
      marginTop: 24,
      x: { label: 'Realised cost', tickFormat: usd, ticks: Math.max(2, Math.floor(width / 120)), labelAnchor: 'center', labelArrow: 'none' },
      y: { axis: null },
      marks: [
        Plot.areaY(pts, { x: 'x', y: 'y', fill: COLORS.ours, fillOpacity: 0.15 }),
        Plot.areaY(over, { x: 'x', y: 'y', fill: COLORS.bad, fillOpacity: 0.5 }),
        Plot.line(pts, { x: 'x', y: 'y', stroke: COLORS.ours }),
        Plot.ruleX([budget], { stroke: '#555', strokeDasharray: '4,3' }),
        Plot.text([budget], { x: (d) => d, frameAnchor: 'top', dy: -14, text: () => 'budget', dx: 4, textAnchor: 'start', fill: '#555' }),
        Plot.ruleY([0]),
      ],
    },
    alt,
  );
}
