// The waterfall (step 3): from the value with no player, one bar per player's fair share, to the value
// with all of them. The bars meet exactly because the Shapley values add up to the total.
import { isNum } from '../kit/format.js';
import { COLORS, Plot, chart } from '../kit/plot.js';

/** One row per bar: {label, start, end, kind, value, se}. */
export function waterfallRows(result, voice) {
  const empty = `No ${voice.player}`;
  const grand = `All ${voice.players}`;
  const rows = [{ label: empty, start: 0, end: result.empty_coalition, kind: 'base', value: result.empty_coalition }];
  let level = result.empty_coalition;
  for (const p of result.players) {
    if (!isNum(p.value)) continue;
    rows.push({ label: voice.Name(p.name), start: level, end: level + p.value, kind: p.value < 0 ? 'loss' : 'gain', value: p.value, se: p.se });
    level += p.value;
  }
  rows.push({ label: grand, start: 0, end: result.grand_coalition, kind: 'base', value: result.grand_coalition });
  return rows.filter((r) => isNum(r.start) && isNum(r.end));
}

export function renderWaterfall(container, result, voice, { width = 480 } = {}) {
  const rows = waterfallRows(result, voice);
  const sampled = result.method === 'permutation';
  const { f } = voice;
  const steps = rows.slice(0, -1).map((r, i) => ({ from: r.label, to: rows[i + 1].label, x: r.end }));
  const text = (d) => (d.kind === 'base' ? f(d.value) : `${f(d.value, { signed: true })}${sampled && isNum(d.se) ? ` ± ${f(d.se)}` : ''}`);
  const alt =
    `Waterfall from ${rows[0].label.toLowerCase()} (${f(rows[0].value)}) to ${rows.at(-1).label.toLowerCase()} (${f(rows.at(-1).value)}): ` +
    rows.slice(1, -1).map((r) => `${r.label} adds ${f(r.value)}`).join(', ') + '. The fair shares meet the total exactly.';
  const figure = chart(
    {
      width,
      marginLeft: Math.min(150, 20 + 7.5 * Math.max(...rows.map((r) => r.label.length))),
      marginRight: 80,
      height: 50 + rows.length * 32,
      x: { label: voice.unit || 'value', grid: true, nice: true, zero: true, tickFormat: (x) => f(x) },
      y: { label: null, domain: rows.map((r) => r.label), padding: 0.25 },
      color: { domain: ['base', 'gain', 'loss'], range: [COLORS.muted, COLORS.ours, COLORS.bad] },
      marks: [
        Plot.ruleX([0], { stroke: '#555' }),
        // Connectors: each bar starts where the one above ended.
        Plot.link(steps, { x1: 'x', x2: 'x', y1: 'from', y2: 'to', stroke: '#9aa3ae', strokeDasharray: '2,3' }),
        Plot.barX(rows, { y: 'label', x1: 'start', x2: 'end', fill: 'kind' }),
        Plot.text(rows, { y: 'label', x: (d) => Math.max(d.start, d.end), text, dx: 5, textAnchor: 'start', fill: '#333' }),
      ],
    },
    alt,
  );
  figure.id = 'waterfall';
  container.replaceChildren(figure);
  return figure;
}
