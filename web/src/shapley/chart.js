// The waterfall (Observable Plot): from the value of the empty coalition, one
// bar per player's Shapley value, to the value of the grand coalition. The
// bars meet exactly because the Shapley values add up to the total.
import * as Plot from '@observablehq/plot';
import { fmtNum } from '../format.js';

export const EMPTY_LABEL = 'No player (empty coalition)';
export const GRAND_LABEL = 'All players (grand coalition)';
const COLORS = { base: '#8a96a6', gain: '#3b6ea8', loss: '#c0504d' };

/** One row per bar: {label, start, end, kind, value, se}. */
export function waterfallRows(result) {
  const rows = [{ label: EMPTY_LABEL, start: 0, end: result.empty_coalition, kind: 'base', value: result.empty_coalition }];
  let level = result.empty_coalition;
  for (const p of result.players) {
    if (!Number.isFinite(p.value)) continue;
    rows.push({ label: p.name, start: level, end: level + p.value, kind: p.value < 0 ? 'loss' : 'gain', value: p.value, se: p.se });
    level += p.value;
  }
  rows.push({ label: GRAND_LABEL, start: 0, end: result.grand_coalition, kind: 'base', value: result.grand_coalition });
  return rows.filter((r) => Number.isFinite(r.start) && Number.isFinite(r.end));
}

export function renderChart(container, result, { width = 720 } = {}) {
  const rows = waterfallRows(result);
  const sampled = result.method === 'permutation';
  const steps = rows.slice(0, -1).map((r, i) => ({ from: r.label, to: rows[i + 1].label, x: r.end }));
  const text = (d) => (d.kind === 'base' ? fmtNum(d.value) : `${d.value < 0 ? '' : '+'}${fmtNum(d.value)}${sampled && Number.isFinite(d.se) ? ` ± ${fmtNum(d.se, 2)}` : ''}`);
  const figure = Plot.plot({
    width,
    marginLeft: Math.min(240, 24 + 7.2 * Math.max(...rows.map((r) => r.label.length))),
    marginRight: 110,
    marginBottom: 44,
    height: 50 + rows.length * 36,
    style: { fontSize: '13px', background: 'transparent' },
    x: { label: 'Value of the coalition', grid: true, nice: true, zero: true, labelAnchor: 'center', labelOffset: 36, labelArrow: 'none' },
    y: { label: null, domain: rows.map((r) => r.label), padding: 0.25 },
    color: { domain: Object.keys(COLORS), range: Object.values(COLORS) },
    marks: [
      Plot.frame({ stroke: '#e3e6ea', anchor: 'bottom' }),
      Plot.ruleX([0], { stroke: '#555' }),
      // Connectors: each bar starts where the one above ended.
      Plot.link(steps, { x1: 'x', x2: 'x', y1: 'from', y2: 'to', stroke: '#9aa3ae', strokeDasharray: '2,3' }),
      Plot.barX(rows, {
        y: 'label',
        x1: 'start',
        x2: 'end',
        fill: 'kind',
        title: (d) => `${d.label}\n${d.kind === 'base' ? 'value' : 'Shapley value'} ${fmtNum(d.value)}${Number.isFinite(d.se) && sampled ? ` (SE ${fmtNum(d.se)})` : ''}`,
      }),
      Plot.text(rows, { y: 'label', x: (d) => Math.max(d.start, d.end), text, dx: 6, textAnchor: 'start', fill: '#333' }),
    ],
  });
  figure.classList.add('waterfall-chart');
  container.replaceChildren(figure);
  return figure;
}
