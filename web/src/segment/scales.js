// Step 1's picture of scaling: where the typical customer (the middle half, quartile to quartile) sits on
// each feature's 0–1 scale, with and without the log. Read from the CSV the page already holds (the shipped
// file or the user's, never the network); a simulated world lives only in the worker, so it has none.
import { el } from '../dom.js';
import { num } from '../kit/format.js';
import { chart, COLORS, Plot } from '../kit/plot.js';

const MAX_ROWS = 200_000;

/** The numeric values of `names` in a CSV (quoted fields allowed); a cell that is not a number is skipped. */
export function readColumns(bytes, names) {
  const text = new TextDecoder().decode(bytes);
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length && rows.length <= MAX_ROWS; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  const header = rows.shift() ?? [];
  const out = {};
  for (const name of names) {
    const j = header.indexOf(name);
    if (j < 0) continue;
    const xs = [];
    for (const r of rows) {
      const x = r[j] === undefined || r[j].trim() === '' ? NaN : Number(r[j]);
      if (Number.isFinite(x)) xs.push(x);
    }
    out[name] = xs;
  }
  return out;
}

const quantile = (sorted, q) => {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  return sorted[lo] + (sorted[Math.min(sorted.length - 1, lo + 1)] - sorted[lo]) * (h - lo);
};

/** Per feature: its raw quartiles and where they land on 0–1 after min–max, and after log then min–max. */
export function scaledQuartiles(columns) {
  return Object.entries(columns).filter(([, xs]) => xs.length > 2).map(([feature, xs]) => {
    const s = [...xs].sort((a, b) => a - b);
    const [min, max] = [s[0], s.at(-1)];
    const q = [0.25, 0.5, 0.75].map((p) => quantile(s, p));
    const lin = (x) => (max > min ? (x - min) / (max - min) : 0);
    const log = (x) => (max > min && min > -1 ? (Math.log1p(x) - Math.log1p(min)) / (Math.log1p(max) - Math.log1p(min)) : null);
    return { feature, min, max, median: q[1], minmax: q.map(lin), log_minmax: q.map(log) };
  });
}

/** The chart: one row per feature, the middle half of customers on the 0–1 scale, for both scalings. */
export function scalingChart(rows, { width, scaling }) {
  const data = rows.flatMap((r) => [
    { ...r, how: '0 to 1', q: r.minmax },
    ...(r.log_minmax[0] != null ? [{ ...r, how: 'log, then 0 to 1', q: r.log_minmax }] : []),
  ]);
  const chosen = scaling === 'log_minmax' ? 'log, then 0 to 1' : '0 to 1';
  return chart(
    {
      width,
      height: 40 + rows.length * 26,
      marginLeft: Math.min(150, 12 + 7 * Math.max(...rows.map((r) => r.feature.length))),
      x: { domain: [0, 1], label: 'position on the 0–1 scale (middle half of customers)', labelAnchor: 'right', tickFormat: (x) => num(x) },
      y: { domain: rows.map((r) => r.feature), label: null },
      color: { domain: ['0 to 1', 'log, then 0 to 1'], range: [COLORS.muted, COLORS.ours], legend: true },
      marks: ['0 to 1', 'log, then 0 to 1'].flatMap((how, i) => {
        const part = data.filter((d) => d.how === how);
        const dy = i === 0 ? -4 : 4;
        return [
          Plot.ruleY(part, { y: 'feature', x1: (d) => d.q[0], x2: (d) => d.q[2], stroke: 'how', strokeWidth: how === chosen ? 4 : 2, dy }),
          Plot.dot(part, { y: 'feature', x: (d) => d.q[1], fill: 'how', r: 3.5, dy }),
        ];
      }),
    },
    `For each feature, the middle half of customers (quartile to quartile, dot at the median) on its 0–1 scale, without and with the log. ` +
      rows.map((r) => `${r.feature}: raw median ${num(r.median)}, range ${num(r.min)} to ${num(r.max)}`).join('; ') + '.',
  );
}

/** The table beside it: each feature's raw range and median. */
export const rangeNote = (rows) => {
  const skewed = rows.filter((r) => r.median > 0 && r.minmax[1] < 0.1 && r.max > 10 * Math.max(Math.abs(r.median), 1e-9));
  if (!skewed.length) return null;
  const r = skewed.sort((a, b) => a.minmax[1] - b.minmax[1])[0];
  return el('p', { class: 'hint muted' }, `Without the log, the typical customer sits near 0 on skewed features: ${r.feature}'s median is ${num(r.median)} against a maximum of ${num(r.max)}.`);
};
