// The difference-vs-control chart (Observable Plot): one row per arm, the raw
// estimate and the CUPED estimate side by side, each with its CI as error bars.
import * as Plot from '@observablehq/plot';

const defaults = {
  width: 720,
  methods: ['Raw', 'CUPED'],
  colors: ['#3b6ea8', '#d9822b'],
};

/** Columnar rows for Plot: one per (arm, method) with a finite estimate. */
export function chartRows(result) {
  const rows = [];
  const push = (method, c) => {
    if (!Number.isFinite(c.diff)) return;
    const [lo, hi] = Array.isArray(c.ci) && c.ci.every(Number.isFinite) ? c.ci : [c.diff, c.diff];
    rows.push({ arm: c.arm, method, diff: c.diff, lo, hi });
  };
  for (const c of result.comparisons) push('Raw', c);
  for (const c of result.cuped?.comparisons ?? []) push('CUPED', c);
  return rows;
}

/** Draws into `container`; returns the figure (or null when nothing can be drawn). */
export function renderChart(container, result, options = {}) {
  const { width, methods, colors } = { ...defaults, ...options };
  const rows = chartRows(result);
  if (rows.length === 0) {
    container.replaceChildren(Object.assign(document.createElement('p'), { className: 'muted', textContent: 'No finite differences to chart.' }));
    return null;
  }
  const shown = methods.filter((m) => rows.some((r) => r.method === m));
  const confidence = Math.round(result.confidence * 1000) / 10;
  const figure = Plot.plot({
    width,
    // Room for the arm names on the left (about 7 px a character at 13 px).
    marginLeft: Math.min(220, 24 + 7.5 * Math.max(...rows.map((r) => r.arm.length))),
    marginRight: 70, // room for the Raw/CUPED labels right of the bars
    marginBottom: 48,
    height: 56 + rows.length * 34,
    style: { fontSize: '13px', background: 'transparent' },
    x: { label: `Difference in ${result.outcome}: arm minus ${result.control} (${confidence}% CI)`, grid: true, nice: true, zero: true, labelAnchor: 'center', labelOffset: 40, labelArrow: 'none' },
    y: { domain: shown, axis: null, padding: 0.35 },
    fy: { label: null, domain: result.comparisons.map((c) => c.arm), axis: 'left' },
    // No legend: each bar is labelled Raw / CUPED at its right end.
    color: { domain: shown, range: colors.slice(0, shown.length) },
    marks: [
      Plot.frame({ stroke: '#e3e6ea', anchor: 'bottom' }),
      Plot.ruleX([0], { stroke: '#555', strokeDasharray: '3,3' }),
      Plot.ruleY(rows, { fy: 'arm', y: 'method', x1: 'lo', x2: 'hi', stroke: 'method', strokeWidth: 2 }),
      Plot.tickX(rows, { fy: 'arm', y: 'method', x: 'lo', stroke: 'method', strokeWidth: 2 }),
      Plot.tickX(rows, { fy: 'arm', y: 'method', x: 'hi', stroke: 'method', strokeWidth: 2 }),
      Plot.dot(rows, {
        fy: 'arm',
        y: 'method',
        x: 'diff',
        fill: 'method',
        r: 4.5,
        tip: true,
        title: (d) => `${d.arm} (${d.method})\ndifference ${d.diff.toPrecision(6)}\nCI [${d.lo.toPrecision(6)}, ${d.hi.toPrecision(6)}]`,
      }),
      Plot.text(rows, { fy: 'arm', y: 'method', x: 'hi', text: 'method', dx: 8, textAnchor: 'start', fill: '#555' }),
    ],
  });
  figure.classList.add('diff-chart');
  container.replaceChildren(figure);
  return figure;
}
