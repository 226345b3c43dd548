// The page's charts, all through the kit's chart() (text alternative, axe-clean marks): weekly spend with
// and without the channel (the story), the weekly gap (step 2), the naive comparison (step 3), guess vs
// model vs truth (step 4), the causal graph (step 1) and the coefficient heatmap (details).
import { num } from '../kit/format.js';
import { chart, COLORS, Plot, tickFormat } from '../kit/plot.js';
import { nameOf, spend } from './names.js';

const ACTUAL = 'actual';
const WITHOUT = 'without the channel';

/** Weekly spend: actual (the baseline) and without the channel (the counterfactual) with its 95% band. */
export function periodsChart(score, { width, alt, withoutLabel = WITHOUT }) {
  const rows = score.periods.flatMap((p) => [
    { period: p.period, series: ACTUAL, value: p.baseline },
    { period: p.period, series: withoutLabel, value: p.counterfactual },
  ]);
  const band = score.periods.filter((p) => Array.isArray(p.incremental_ci)).map((p) => ({ period: p.period, lo: p.baseline - p.incremental_ci[1], hi: p.baseline - p.incremental_ci[0] }));
  const { from, to } = score.window;
  const figure = chart(
    {
      width,
      height: Math.round(Math.min(320, Math.max(230, width * 0.6))),
      marginLeft: 64,
      x: { label: 'Week', tickFormat: 'd', labelAnchor: 'center', labelOffset: 36, labelArrow: 'none', ticks: Math.min(12, score.periods.length) },
      y: { label: 'Spend per week (all customers)', grid: true, nice: true, zero: true, labelArrow: 'none', tickFormat: tickFormat((x) => spend(x)) },
      color: { domain: [ACTUAL, withoutLabel], range: [COLORS.ours, COLORS.other], legend: true },
      marks: [
        Plot.rectX([{ from, to }], { x1: (d) => d.from - 0.5, x2: (d) => d.to + 0.5, fill: COLORS.muted, fillOpacity: 0.12 }),
        band.length && Plot.areaY(band, { x: 'period', y1: 'lo', y2: 'hi', fill: COLORS.other, fillOpacity: 0.2 }),
        Plot.line(rows, { x: 'period', y: 'value', stroke: 'series', strokeWidth: 2 }),
        Plot.dot(rows, { x: 'period', y: 'value', fill: 'series', r: 3, title: (d) => `${d.series}\nweek ${d.period}: ${spend(d.value)}` }),
      ].filter(Boolean),
    },
    alt,
  );
  figure.classList.add('periods-chart');
  return figure;
}

/** The weekly gap (actual − without), with its 95% interval when bootstrapped. */
export function gapChart(score, { width, alt }) {
  const rows = score.periods.map((p) => ({ period: p.period, gap: p.incremental ?? p.baseline - p.counterfactual, ci: Array.isArray(p.incremental_ci) ? p.incremental_ci : null }));
  const figure = chart(
    {
      width,
      height: 220,
      marginLeft: 60,
      x: { label: 'Week', tickFormat: (d) => (rows.length > 15 && d % 5 ? '' : String(d)), labelArrow: 'none', labelAnchor: 'center', labelOffset: 36 },
      y: { label: 'Spend lost that week', grid: true, zero: true, labelArrow: 'none', tickFormat: tickFormat((x) => spend(x)) },
      marks: [
        Plot.ruleY([0]),
        Plot.barY(rows, { x: 'period', y: 'gap', fill: COLORS.other, fillOpacity: 0.75, title: (d) => `week ${d.period}: ${spend(d.gap)}` }),
        Plot.ruleX(rows.filter((d) => d.ci), { x: 'period', y1: (d) => d.ci[0], y2: (d) => d.ci[1], stroke: '#333' }),
      ],
    },
    alt,
  );
  return figure;
}

/** Horizontal bars of estimates (with an interval where known): the naive comparison, the truth. */
export function estimatesChart(rows, { width, alt }) {
  const ends = rows.flatMap((r) => [r.value, ...(r.ci ?? [])]).filter(Number.isFinite);
  const lo = Math.min(0, ...ends);
  const hi = Math.max(0, ...ends);
  const figure = chart(
    {
      width,
      height: 50 + 38 * rows.length,
      marginLeft: 150,
      marginRight: 80,
      // Room on the right for the value written after the longest bar.
      x: { label: 'Spend the channel brings over the window', domain: [lo - (hi - lo) * (lo < 0 ? 0.1 : 0), hi + (hi - lo) * 0.35], grid: true, ticks: width < 500 ? 2 : 4, labelArrow: 'none', tickFormat: tickFormat((x) => spend(x)) },
      y: { label: null, domain: rows.map((r) => r.label) },
      marks: [
        Plot.ruleX([0]),
        Plot.barX(rows, { y: 'label', x: 'value', fill: (d) => d.color, title: (d) => `${d.label}: ${spend(d.value)}` }),
        Plot.ruleY(rows.filter((r) => r.ci), { y: 'label', x1: (d) => d.ci[0], x2: (d) => d.ci[1], stroke: '#222', strokeWidth: 2 }),
        Plot.text(rows, { y: 'label', x: 'value', text: (d) => spend(d.value), dx: 6, textAnchor: 'start', fill: '#222' }),
      ],
    },
    alt,
  );
  return figure;
}

/** A regressor in words: "E-mail reminders (t−1)" for lag1:es_reorder, "(t)" for the same week. */
export function regressorName(name) {
  const m = /^(lag(\d+)|same|x0|period):(.+)$/.exec(name);
  if (!m) return name;
  if (m[1] === 'x0') return `${nameOf(m[3])} (before)`;
  if (m[1] === 'period') return `week ${m[3]}`;
  return `${nameOf(m[3])} (${m[1] === 'same' ? 't' : `t−${m[2]}`})`;
}

/** One cell per (target, regressor) of the equations for `period`. */
export function heatmapChart(model, period, { width }) {
  const cells = model.equations
    .filter((e) => e.period === period)
    .flatMap((e) => e.regressors.map((name, j) => ({ skip: name.startsWith('period:'), target: `${nameOf(e.target)} (R² ${num(e.r2)})`, regressor: regressorName(name), column: name, coef: e.coef[j], se: e.se[j] })))
    .filter((c) => !c.skip); // a pooled model's week effects would add a column per week
  const rowsCount = new Set(cells.map((c) => c.target)).size;
  const figure = chart(
    {
      width,
      height: 60 + 34 * rowsCount,
      marginLeft: 190,
      marginBottom: 150,
      style: { fontSize: '11px', background: 'transparent', overflow: 'visible' },
      x: { label: null, tickRotate: -35, domain: [...new Set(cells.map((c) => c.regressor))] },
      y: { label: null },
      color: { type: 'diverging-symlog', scheme: 'BuRd', legend: true, label: 'coefficient' },
      marks: [
        Plot.cell(cells, { x: 'regressor', y: 'target', fill: 'coef', inset: 0.5, title: (d) => `${d.target} ← ${d.regressor} [${d.column}]\ncoef ${num(d.coef)}\nse ${num(d.se)}` }),
        Plot.text(cells, { x: 'regressor', y: 'target', text: (d) => num(d.coef, { digits: 2 }), fill: 'black', fontSize: 10 }),
      ],
    },
    `Coefficients of the ${rowsCount} equations${period == null ? '' : ` of week ${period}`}: one cell per equation (row) and regressor (column); red is positive, blue negative.`,
  );
  figure.classList.add('coef-heatmap');
  return figure;
}

/**
 * The causal graph over three weeks, read from the fitted equations of the last week: "lag1:x" in y's
 * equation is an arrow x(last week) → y(this week), "same:x" an arrow x(this week) → y(this week).
 * Orange dots are the channels (ES surrogates).
 */
export function graphChart(model, { width, alt }) {
  const config = model.config;
  const es = config.es_surrogates ?? [];
  const vars = [...es, ...(config.surrogates ?? []), config.outcome];
  const weeks = ['t−2', 't−1', 't'];
  const lastPeriod = Math.max(...model.equations.map((e) => e.period ?? 0));
  const nodes = weeks.flatMap((w, i) => vars.map((v, j) => ({ v: nameOf(v), x: i, y: j, es: es.includes(v) })));
  const edges = [];
  for (const e of model.equations.filter((q) => (q.period ?? 0) === lastPeriod)) {
    const to = vars.indexOf(e.target);
    for (const name of e.regressors) {
      const m = /^(lag(\d+)|same):(.+)$/.exec(name);
      if (!m || !vars.includes(m[3])) continue;
      const lag = m[1] === 'same' ? 0 : Number(m[2]);
      for (let i = lag; i < 3; i += 1) if (i >= 1 || lag === 0) edges.push({ x1: i - lag, y1: vars.indexOf(m[3]), x2: i, y2: to, kind: lag ? 'lagged' : 'same-period' });
    }
  }
  const figure = chart(
    {
      width,
      height: 50 + 34 * vars.length,
      marginLeft: 10,
      marginRight: 170,
      marginBottom: 10,
      x: { axis: 'top', domain: [0, 1, 2], tickFormat: (i) => weeks[i], label: null, inset: 40 },
      y: { axis: null, domain: vars.map((_, j) => j), type: 'point', inset: 10 },
      marks: [
        Plot.arrow(edges.filter((e) => e.kind === 'lagged'), { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', stroke: '#8a96a6', strokeOpacity: 0.4, headLength: 5, insetEnd: 7 }),
        Plot.arrow(edges.filter((e) => e.kind === 'same-period'), { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', stroke: COLORS.bad, strokeDasharray: '3,3', bend: 40, headLength: 6, insetEnd: 7 }),
        Plot.dot(nodes, { x: 'x', y: 'y', r: 6, fill: (d) => (d.es ? COLORS.other : COLORS.ours) }),
        Plot.text(nodes.filter((d) => d.x === 2), { x: 'x', y: 'y', text: 'v', dx: 30, textAnchor: 'start' }), // clear of the bent same-week arrows
      ],
    },
    alt,
  );
  figure.classList.add('causal-graph');
  return figure;
}
