// The frontier (Observable Plot): incremental conversions against incremental
// cost for the causal plan (the LP path) and the plans people use instead —
// the likeliest buyers first (response model), random picks, everyone gets
// offer k — with the current plan and the budget marked.
import * as Plot from '@observablehq/plot';
import { fmtNum } from '../format.js';

export const PLANS = Object.freeze({
  uplift: 'Causal plan (uplift, LP path)',
  response: 'Likeliest buyers first (response model)',
  random: 'Random picks',
  everyone: 'Everyone gets the offer',
});
const COLORS = ['#3b6ea8', '#d08a2c', '#8a96a6', '#c0504d'];

/** One row per point: {plan, cost, conversions}. */
export function frontierRows(frontier) {
  const rows = [];
  for (const p of frontier.points) {
    for (const key of ['uplift', 'response', 'random']) rows.push({ plan: PLANS[key], cost: p[key].cost, conversions: p[key].incremental_conversions });
  }
  return rows.filter((r) => Number.isFinite(r.cost) && Number.isFinite(r.conversions));
}

export function renderFrontier(container, result, { width = 720 } = {}) {
  const f = result.frontier;
  if (!f) {
    container.replaceChildren();
    return null;
  }
  const rows = frontierRows(f);
  const everyone = f.everyone.map((e) => ({ plan: PLANS.everyone, cost: e.cost, conversions: e.incremental_conversions, offer: e.offer }));
  const plan = [{ cost: result.plan.expected_cost, conversions: result.plan.incremental_conversions }];
  const figure = Plot.plot({
    width,
    height: 360,
    marginLeft: 60,
    marginBottom: 44,
    style: { fontSize: '13px', background: 'transparent' },
    x: { label: 'Incremental cost (expected)', grid: true, nice: true, zero: true, labelAnchor: 'center', labelOffset: 36, labelArrow: 'none' },
    y: { label: 'Incremental conversions', grid: true, nice: true, zero: true, labelArrow: 'none' },
    color: { domain: Object.values(PLANS), range: COLORS, legend: true },
    marks: [
      Plot.ruleX([result.budget], { stroke: '#555', strokeDasharray: '4,3' }),
      Plot.text([result.budget], { x: (d) => d, frameAnchor: 'bottom', text: () => 'budget', dx: 4, dy: -6, textAnchor: 'start', fill: '#555' }),
      Plot.line(rows, { x: 'cost', y: 'conversions', stroke: 'plan', strokeWidth: 2 }),
      Plot.dot(rows, { x: 'cost', y: 'conversions', fill: 'plan', r: 2.5, title: (d) => `${d.plan}\ncost ${fmtNum(d.cost)}\nincremental conversions ${fmtNum(d.conversions)}` }),
      Plot.dot(everyone, { x: 'cost', y: 'conversions', fill: 'plan', symbol: 'square', r: 5, title: (d) => `Everyone gets ${d.offer}\ncost ${fmtNum(d.cost)}\nincremental conversions ${fmtNum(d.conversions)}` }),
      Plot.text(everyone, { x: 'cost', y: 'conversions', text: (d) => d.offer, dy: -10, fill: '#c0504d' }),
      Plot.dot(plan, { x: 'cost', y: 'conversions', r: 7, stroke: '#111', strokeWidth: 2, fill: 'white', fillOpacity: 0.6, title: (d) => `This plan\ncost ${fmtNum(d.cost)}\nincremental conversions ${fmtNum(d.conversions)}` }),
      Plot.text(plan, { x: 'cost', y: 'conversions', text: () => 'this plan', dx: 10, dy: 12, textAnchor: 'start', fontWeight: 600 }),
    ],
  });
  figure.classList.add('frontier-chart');
  container.replaceChildren(figure);
  return figure;
}

const normalPdf = (x, m, s) => Math.exp(-0.5 * ((x - m) / s) ** 2) / (s * Math.sqrt(2 * Math.PI));

/** The realised cost's distribution (normal approximation) with the part above the budget shaded. */
export function renderRisk(container, result, { width = 720 } = {}) {
  const { mean, sd } = result.risk;
  if (!(Number.isFinite(mean) && Number.isFinite(sd) && sd > 0)) {
    container.replaceChildren(Object.assign(document.createElement('p'), { className: 'muted', textContent: 'n/a (the plan targets nobody, so its cost is 0 for sure)' }));
    return null;
  }
  const lo = Math.max(0, Math.min(mean - 4 * sd, result.budget - sd));
  const hi = Math.max(mean + 4 * sd, result.budget + sd);
  const pts = Array.from({ length: 161 }, (_, i) => {
    const x = lo + ((hi - lo) * i) / 160;
    return { x, y: normalPdf(x, mean, sd) };
  });
  const over = pts.filter((p) => p.x >= result.budget);
  const figure = Plot.plot({
    width,
    height: 200,
    marginLeft: 20,
    marginBottom: 40,
    style: { fontSize: '13px', background: 'transparent' },
    x: { label: 'Realised cost', nice: true, labelAnchor: 'center', labelOffset: 34, labelArrow: 'none' },
    y: { axis: null },
    marks: [
      Plot.areaY(pts, { x: 'x', y: 'y', fill: '#3b6ea8', fillOpacity: 0.15 }),
      Plot.areaY(over, { x: 'x', y: 'y', fill: '#c0504d', fillOpacity: 0.5 }),
      Plot.line(pts, { x: 'x', y: 'y', stroke: '#3b6ea8' }),
      Plot.ruleX([result.budget], { stroke: '#555', strokeDasharray: '4,3' }),
      Plot.text([result.budget], { x: (d) => d, frameAnchor: 'top', text: () => 'budget', dx: 4, textAnchor: 'start', fill: '#555' }),
      Plot.ruleY([0]),
    ],
  });
  figure.classList.add('risk-chart');
  container.replaceChildren(figure);
  return figure;
}
