// The page's Plot figures: baseline vs counterfactual per week (with the
// counterfactual's 95% band when bootstrapped), the coefficient heatmap of
// one week's equations, and the causal graph over three weeks from the config.
import * as Plot from '@observablehq/plot';
import { fmtNum } from '../format.js';

const STYLE = { fontSize: '13px', background: 'transparent' };

export function renderPeriods(container, score, { width = 720 } = {}) {
  const rows = score.periods.flatMap((p) => [
    { period: p.period, series: 'baseline (observed)', value: p.baseline },
    { period: p.period, series: 'counterfactual (shocked)', value: p.counterfactual },
  ]);
  const band = score.periods.filter((p) => Array.isArray(p.incremental_ci)).map((p) => ({ period: p.period, lo: p.baseline - p.incremental_ci[1], hi: p.baseline - p.incremental_ci[0] }));
  const figure = Plot.plot({
    width,
    height: 320,
    marginLeft: 70,
    marginBottom: 44,
    style: STYLE,
    x: { label: 'Week', tickFormat: 'd', labelAnchor: 'center', labelOffset: 36, labelArrow: 'none' },
    y: { label: 'Spend (sum over customers)', grid: true, nice: true, zero: true, labelArrow: 'none' },
    color: { domain: ['baseline (observed)', 'counterfactual (shocked)'], range: ['#3b6ea8', '#c0504d'], legend: true },
    marks: [
      Plot.ruleX([score.window.from], { stroke: '#555', strokeDasharray: '4,3' }),
      band.length && Plot.areaY(band, { x: 'period', y1: 'lo', y2: 'hi', fill: '#c0504d', fillOpacity: 0.18 }),
      Plot.line(rows, { x: 'period', y: 'value', stroke: 'series', strokeWidth: 2 }),
      Plot.dot(rows, { x: 'period', y: 'value', fill: 'series', r: 3, title: (d) => `${d.series}\nweek ${d.period}: ${fmtNum(d.value)}` }),
    ].filter(Boolean),
  });
  figure.classList.add('periods-chart');
  container.replaceChildren(figure);
  return figure;
}

/** One cell per (target, regressor) of the equations for `period`. */
export function renderHeatmap(container, model, period, { width = 720 } = {}) {
  const cells = model.equations
    .filter((e) => e.period === period)
    .flatMap((e) => e.regressors.map((name, j) => ({ target: `${e.target} (R² ${fmtNum(e.r2, 3)})`, regressor: name, coef: e.coef[j], se: e.se[j] })));
  const figure = Plot.plot({
    width,
    height: 60 + 34 * new Set(cells.map((c) => c.target)).size,
    marginLeft: 150,
    marginBottom: 90,
    style: { ...STYLE, fontSize: '11px' },
    x: { label: null, tickRotate: -35, domain: [...new Set(cells.map((c) => c.regressor))] },
    y: { label: null },
    color: { type: 'diverging-symlog', scheme: 'BuRd', legend: true, label: 'coefficient' },
    marks: [
      Plot.cell(cells, { x: 'regressor', y: 'target', fill: 'coef', inset: 0.5, title: (d) => `${d.target} ← ${d.regressor}\ncoef ${fmtNum(d.coef)}\nse ${fmtNum(d.se) ?? 'n/a'}` }),
      Plot.text(cells, { x: 'regressor', y: 'target', text: (d) => fmtNum(d.coef, 2), fill: 'black', fontSize: 10 }),
    ],
  });
  figure.classList.add('coef-heatmap');
  container.replaceChildren(figure);
  return figure;
}

/**
 * The causal graph over three weeks, read from the fitted equations of the
 * last week: "lag1:x" in y's equation is an arrow x(t−1) → y(t), "same:x" an
 * arrow x(t) → y(t). Orange nodes are ES surrogates.
 */
export function renderGraph(container, model, { width = 720 } = {}) {
  const config = model.config;
  const es = config.es_surrogates ?? [];
  const vars = [...es, ...(config.surrogates ?? []), config.outcome];
  const weeks = ['t−2', 't−1', 't'];
  const lastPeriod = Math.max(...model.equations.map((e) => e.period));
  const nodes = weeks.flatMap((w, i) => vars.map((v, j) => ({ v, x: i, y: j, es: es.includes(v) })));
  const edges = [];
  for (const e of model.equations.filter((q) => q.period === lastPeriod)) {
    const to = vars.indexOf(e.target);
    for (const name of e.regressors) {
      const m = /^(lag(\d+)|same):(.+)$/.exec(name);
      if (!m || !vars.includes(m[3])) continue;
      const lag = m[1] === 'same' ? 0 : Number(m[2]);
      for (let i = lag; i < 3; i += 1) if (i >= 1 || lag === 0) edges.push({ x1: i - lag, y1: vars.indexOf(m[3]), x2: i, y2: to, kind: lag ? 'lagged' : 'same-period' });
    }
  }
  const figure = Plot.plot({
    width,
    height: 50 + 36 * vars.length,
    marginLeft: 20,
    marginRight: 90,
    style: STYLE,
    x: { axis: 'top', domain: [0, 1, 2], tickFormat: (i) => `week ${weeks[i]}`, label: null, inset: 60 },
    y: { axis: null, domain: vars.map((_, j) => j), type: 'point', inset: 10 },
    marks: [
      Plot.arrow(edges.filter((e) => e.kind === 'lagged'), { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', stroke: '#8a96a6', strokeOpacity: 0.4, headLength: 5, insetEnd: 7 }),
      Plot.arrow(edges.filter((e) => e.kind === 'same-period'), { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', stroke: '#c0504d', strokeDasharray: '3,3', bend: 40, headLength: 6, insetEnd: 7 }),
      Plot.dot(nodes, { x: 'x', y: 'y', r: 6, fill: (d) => (d.es ? '#d08a2c' : '#3b6ea8') }),
      Plot.text(nodes, { x: 'x', y: 'y', text: 'v', dx: 10, textAnchor: 'start' }),
    ],
  });
  figure.classList.add('causal-graph');
  container.replaceChildren(figure);
  return figure;
}
