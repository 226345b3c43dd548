// The page's Plot figures for one learner and arm: Qini and uplift curves
// against the random line, predicted vs observed uplift by decile with 95%
// intervals, the distribution of the predicted CATE, the propensity overlap
// by arm, and (teaching view) true vs estimated CATE.
import * as Plot from '@observablehq/plot';
import { fmtNum, fmtPct } from '../format.js';

const STYLE = { fontSize: '13px', background: 'transparent' };
const finite = (x) => typeof x === 'number' && Number.isFinite(x);

/** kind: 'qini' | 'uplift'. x = share of rows targeted, highest predicted uplift first. */
export function renderCurve(container, curves, kind, { width = 720, label, marker = null } = {}) {
  const n = curves.n;
  const points = curves.k.map((k, i) => ({ share: k / n, value: curves[kind][i] })).filter((p) => finite(p.value));
  const end = points.at(-1);
  const figure = Plot.plot({
    width,
    height: 300,
    marginLeft: 70,
    marginBottom: 44,
    style: STYLE,
    x: { label: 'Share of customers targeted (highest predicted uplift first)', tickFormat: '%', labelAnchor: 'center', labelOffset: 36, labelArrow: 'none', domain: [0, 1] },
    y: { label: kind === 'qini' ? 'Qini Q(k): incremental outcome' : 'Uplift U(k): incremental outcome', grid: true, nice: true, labelArrow: 'none' },
    marks: [
      Plot.ruleY([0], { stroke: '#bbb' }),
      finite(marker) && Plot.ruleX([marker], { stroke: '#c0504d', strokeDasharray: '3,3' }),
      end && Plot.link([{ x1: 0, y1: 0, x2: 1, y2: end.value }], { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', stroke: '#888', strokeDasharray: '5,4' }),
      Plot.line(points, { x: 'share', y: 'value', stroke: '#3b6ea8', strokeWidth: 2 }),
      Plot.dot(points, Plot.pointerX({ x: 'share', y: 'value', fill: '#3b6ea8', r: 4, title: (d) => `${label ?? ''}\n${fmtPct(d.share)} targeted: ${fmtNum(d.value)}` })),
    ].filter(Boolean),
  });
  figure.classList.add(`${kind}-chart`);
  container.replaceChildren(figure);
  return figure;
}

export function renderDeciles(container, deciles, { width = 720 } = {}) {
  const rows = deciles.flatMap((d, i) => [
    { decile: i + 1, series: 'predicted', value: d.predicted },
    { decile: i + 1, series: 'observed', value: d.observed, lo: d.ci?.[0], hi: d.ci?.[1] },
  ]).filter((r) => finite(r.value));
  const intervals = rows.filter((r) => r.series === 'observed' && finite(r.lo) && finite(r.hi));
  const figure = Plot.plot({
    width,
    height: 300,
    marginLeft: 70,
    marginBottom: 44,
    style: STYLE,
    x: { axis: null, domain: ['predicted', 'observed'] },
    fx: { label: 'Decile of predicted uplift (1 = highest)', axis: 'bottom', labelAnchor: 'center', labelOffset: 36, labelArrow: 'none' },
    y: { label: 'Uplift (treated − control mean)', grid: true, nice: true, labelArrow: 'none' },
    color: { domain: ['predicted', 'observed'], range: ['#9fb8d6', '#c0504d'], legend: true },
    marks: [
      Plot.ruleY([0], { stroke: '#999' }),
      Plot.barY(rows, { fx: 'decile', x: 'series', y: 'value', fill: 'series', title: (d) => `decile ${d.decile}, ${d.series}: ${fmtNum(d.value)}` }),
      Plot.ruleX(intervals, { fx: 'decile', x: 'series', y1: 'lo', y2: 'hi', stroke: '#333', strokeWidth: 1.5 }),
    ],
  });
  figure.classList.add('deciles-chart');
  container.replaceChildren(figure);
  return figure;
}

export function renderCateHistogram(container, values, { width = 720, label = 'Predicted uplift (CATE)' } = {}) {
  const data = values.filter(finite);
  const figure = Plot.plot({
    width,
    height: 260,
    marginLeft: 70,
    marginBottom: 44,
    style: STYLE,
    x: { label, labelAnchor: 'center', labelOffset: 36, labelArrow: 'none' },
    y: { label: 'Customers', grid: true, labelArrow: 'none' },
    marks: [Plot.rectY(data, Plot.binX({ y: 'count' }, { x: (d) => d, thresholds: 40, fill: '#3b6ea8', fillOpacity: 0.8 })), Plot.ruleX([0], { stroke: '#c0504d', strokeDasharray: '4,3' })],
  });
  figure.classList.add('cate-histogram');
  container.replaceChildren(figure);
  return figure;
}

/** histogram: {bin_width, treated: [...], control: [...]} rows per propensity bin. */
export function renderOverlap(container, histogram, { width = 720, armLabel = 'treated', controlLabel = 'control' } = {}) {
  const w = histogram.bin_width ?? 0.05;
  const rows = [
    ...(histogram.treated ?? []).map((count, i) => ({ arm: armLabel, x1: i * w, x2: (i + 1) * w, count })),
    ...(histogram.control ?? []).map((count, i) => ({ arm: controlLabel, x1: i * w, x2: (i + 1) * w, count: -count })),
  ];
  const figure = Plot.plot({
    width,
    height: 260,
    marginLeft: 70,
    marginBottom: 44,
    style: STYLE,
    x: { label: 'Propensity P(treated | x)', domain: [0, 1], labelAnchor: 'center', labelOffset: 36, labelArrow: 'none' },
    y: { label: `Rows (${armLabel} up, ${controlLabel} down)`, grid: true, tickFormat: (d) => String(Math.abs(d)), labelArrow: 'none' },
    color: { domain: [armLabel, controlLabel], range: ['#3b6ea8', '#d08a2c'], legend: true },
    marks: [
      Plot.rectY(rows, { x1: 'x1', x2: 'x2', y: 'count', fill: 'arm', insetLeft: 0.5, insetRight: 0.5, title: (d) => `${d.arm}: ${Math.abs(d.count)} rows with propensity in [${fmtNum(d.x1, 2)}, ${fmtNum(d.x2, 2)})` }),
      Plot.rectX([{ x1: 0, x2: 0.05 }, { x1: 0.95, x2: 1 }], { x1: 'x1', x2: 'x2', fill: '#c0504d', fillOpacity: 0.08 }),
      Plot.ruleY([0], { stroke: '#555' }),
    ],
  });
  figure.classList.add('overlap-chart');
  container.replaceChildren(figure);
  return figure;
}

/** True vs estimated CATE per customer (at most `limit` points, every k-th row). */
export function renderTruthScatter(container, truth, estimate, { width = 720, limit = 4000 } = {}) {
  const step = Math.max(1, Math.ceil(truth.length / limit));
  const points = [];
  for (let i = 0; i < truth.length; i += step) if (finite(truth[i]) && finite(estimate[i])) points.push({ truth: truth[i], estimate: estimate[i] });
  const lo = Math.min(...points.map((p) => Math.min(p.truth, p.estimate)));
  const hi = Math.max(...points.map((p) => Math.max(p.truth, p.estimate)));
  const figure = Plot.plot({
    width: Math.min(width, 560),
    height: 420,
    marginLeft: 60,
    marginBottom: 44,
    style: STYLE,
    x: { label: 'True uplift τ(x)', domain: [lo, hi], labelAnchor: 'center', labelOffset: 36, labelArrow: 'none' },
    y: { label: 'Estimated uplift (out of fold)', domain: [lo, hi], grid: true, labelArrow: 'none' },
    marks: [
      Plot.link([{ x1: lo, y1: lo, x2: hi, y2: hi }], { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', stroke: '#888', strokeDasharray: '5,4' }),
      Plot.dot(points, { x: 'truth', y: 'estimate', r: 1.5, fill: '#3b6ea8', fillOpacity: 0.45 }),
    ],
  });
  figure.classList.add('truth-scatter');
  container.replaceChildren(figure);
  return figure;
}
