// The page's charts, all one kind: a row per group with an estimate (dot, or bar for levels) and its
// interval (a line), labelled with its rounded number. Drawn through the kit (text alternative, axe-clean).
import { chart, COLORS, Plot, widthOf } from '../kit/plot.js';
import { capitalise } from './words.js';

const INK = '#1d2430';

/**
 * @param {{rows: {label: string, est: number, lo?: number, hi?: number, text: string, group?: string}[],
 *          xLabel: string, tick: (x: number) => string, container: HTMLElement, alt: string,
 *          bars?: boolean, hidden?: string[], guesses?: {label: string, x: number}[], domain?: number[],
 *          colors?: Record<string, string>}} spec
 *   hidden: labels whose numbers are not shown yet (workshop mode): a "?" stands in for them.
 */
export function intervalChart({ rows, xLabel, tick, container, alt, bars = false, hidden = [], guesses = [], domain, colors }) {
  const shown = rows.filter((r) => !hidden.includes(r.label));
  const secret = rows.filter((r) => hidden.includes(r.label));
  const withInterval = shown.filter((r) => Number.isFinite(r.lo) && Number.isFinite(r.hi));
  const groups = colors ? Object.keys(colors) : null;
  const color = (r) => (colors ? colors[r.group] : COLORS.ours);
  const longest = Math.max(...rows.map((r) => r.label.length));
  const width = widthOf(container, { min: 280, max: 760 });
  const marks = [
    Plot.ruleX([0], { stroke: '#555', strokeDasharray: '3,3' }),
    bars ? Plot.barX(shown, { y: 'label', x: 'est', fill: (r) => color(r), fillOpacity: 0.35 }) : null,
    Plot.ruleY(withInterval, { y: 'label', x1: 'lo', x2: 'hi', stroke: (r) => color(r), strokeWidth: 3 }),
    Plot.tickX(withInterval, { y: 'label', x: 'lo', stroke: (r) => color(r), strokeWidth: 2 }),
    Plot.tickX(withInterval, { y: 'label', x: 'hi', stroke: (r) => color(r), strokeWidth: 2 }),
    Plot.dot(shown, { y: 'label', x: 'est', fill: (r) => color(r), r: 5.5 }),
    Plot.text(shown, { y: 'label', x: (r) => (Number.isFinite(r.hi) ? Math.max(r.hi, r.est) : r.est), text: 'text', dx: 8, textAnchor: 'start', fill: INK, fontWeight: 600 }),
    Plot.text(secret, { y: 'label', x: 0, text: () => '?', dx: 10, textAnchor: 'start', fill: COLORS.muted, fontSize: 22, fontWeight: 700 }),
    guesses.length ? Plot.tickX(guesses, { y: 'label', x: 'x', stroke: COLORS.other, strokeWidth: 4 }) : null,
    guesses.length ? Plot.text(guesses, { y: 'label', x: 'x', text: () => 'your guess', dy: -16, fill: COLORS.other, fontWeight: 600 }) : null,
  ].filter(Boolean);
  const figure = chart(
    {
      width,
      height: 56 + rows.length * 46,
      marginLeft: Math.min(200, 16 + 7.2 * longest),
      marginRight: 80, // room for the number written right of each interval
      marginTop: 22,
      x: { label: xLabel, grid: true, nice: true, zero: true, tickFormat: tick, labelAnchor: 'center', labelArrow: 'none', ...(domain ? { domain } : {}) },
      y: { label: null, domain: rows.map((r) => r.label), padding: 0.3 },
      color: groups ? { domain: groups, range: groups.map((g) => colors[g]) } : undefined,
      marks,
    },
    alt,
  );
  return figure;
}

/** A group's name as a chart label: "Men's e-mail", "No e-mail". */
export const label = (w, name) => capitalise(w.arm(name).replace(/^the /, ''));
