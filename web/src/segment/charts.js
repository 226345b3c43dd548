// The page's charts (Observable Plot through the kit, each with its text alternative): the story's
// customers-and-revenue bars per segment, the factors' make-up and explained-variance curve, the
// silhouette and elbow curves, the profile heatmap, the 2-D map, the stability intervals and the
// segments × uplift chart. One colour per segment, the same on every chart.
import { el } from '../dom.js';
import { num, pct } from '../kit/format.js';
import { chart, COLORS, Plot, tickFormat } from '../kit/plot.js';

const finite = (x) => typeof x === 'number' && Number.isFinite(x);
// Ten colours (the segments are at most 10), colour-blind friendlier first.
export const SEGMENT_COLORS = ['#2f5f98', '#d9822b', '#3a8a4a', '#a8322d', '#7b4fa0', '#8c6d31', '#c2549d', '#5f6b78', '#b5a11f', '#2a9d9f'];
export const colorOf = (segment) => SEGMENT_COLORS[(segment - 1) % SEGMENT_COLORS.length];
export const segmentLabel = (s) => `${s.segment}. ${s.label ?? s.name}`;
const segColor = (segments) => ({ domain: segments.map(segmentLabel), range: segments.map((s) => colorOf(s.segment)) });
const short = (text, n = 34) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

/**
 * The story: each segment's share of customers (bar in its colour) and, when a money column is known,
 * of revenue (the grey bar beneath); unstable segments are marked.
 */
export function storyChart(result, { width, what = 'revenue' }) {
  const segs = result.segments;
  const withValue = segs.some((s) => finite(s.value_share));
  const rows = segs.flatMap((s) => [
    { s, label: segmentLabel(s), measure: 'customers', x: s.share },
    ...(withValue ? [{ s, label: segmentLabel(s), measure: what, x: s.value_share }] : []),
  ]);
  const band = withValue ? 58 : 40;
  const max = Math.max(...rows.map((r) => r.x).filter(finite), 0.01);
  const marks = [
    Plot.barX(rows.filter((r) => r.measure === 'customers'), { x: 'x', y: 'label', fill: (r) => colorOf(r.s.segment), insetTop: 16, insetBottom: withValue ? 22 : 4 }),
    withValue ? Plot.barX(rows.filter((r) => r.measure !== 'customers'), { x: 'x', y: 'label', fill: COLORS.muted, insetTop: band - 20, insetBottom: 2 }) : null,
    Plot.text(rows.filter((r) => r.measure === 'customers'), { x: 0, y: 'label', text: (r) => `${short(r.label, Math.max(24, Math.floor((width - 60) / 7.5)))}${r.s.stable === false ? ' (unstable)' : ''}`, textAnchor: 'start', dy: -band / 2 + 8, fontWeight: 600, fill: '#1d2733' }),
    Plot.text(rows.filter((r) => r.measure === 'customers'), { x: 'x', y: 'label', text: (r) => `${pct(r.x, { digits: 2 })} of customers`, textAnchor: 'start', dx: 4, dy: withValue ? -3 : 6, fill: '#1d2733', fontSize: 11 }),
    withValue ? Plot.text(rows.filter((r) => r.measure !== 'customers'), { x: 'x', y: 'label', text: (r) => `${pct(r.x, { digits: 2 })} of ${what}`, textAnchor: 'start', dx: 4, dy: band / 2 - 11, fill: '#1d2733', fontSize: 11 }) : null,
    Plot.ruleX([0]),
  ];
  return chart(
    {
      width,
      height: segs.length * band + 36,
      marginLeft: 8,
      marginRight: 110,
      marginBottom: 30,
      x: { domain: [0, Math.min(1, max * 1.05)], tickFormat: (x) => pct(x, { digits: 2 }), label: withValue ? `share (colour: customers, grey: ${what})` : 'share of customers', ticks: 4 },
      y: { axis: null, domain: segs.map(segmentLabel), padding: 0 },
      marks,
    },
    `Bars: each of the ${segs.length} segments' share of customers${withValue ? ` and, grey, of ${what}` : ''}. ` +
      segs.map((s) => `${segmentLabel(s)}: ${pct(s.share, { digits: 2 })} of customers${finite(s.value_share) ? `, ${pct(s.value_share, { digits: 2 })} of ${what}` : ''}${s.stable === false ? ', unstable' : ''}`).join('; ') + '.',
  );
}

/** Step 2: what each factor is made of (shares of its loadings, each row sums to 1). */
export function loadingsChart(result, { width }) {
  const f = result.factors;
  const cells = f.loadings.flatMap((row, i) => row.map((share, j) => ({ factor: `F${i + 1} (${factorName(result, i)})`, feature: result.features[j], share })));
  const factors = f.loadings.map((_, i) => `F${i + 1} (${factorName(result, i)})`);
  return chart(
    {
      width,
      height: 126 + factors.length * 34,
      marginLeft: Math.min(200, 12 + 7 * Math.max(...factors.map((s) => s.length))),
      marginBottom: 96,
      padding: 0.04,
      x: { domain: result.features, tickRotate: -40, label: null },
      y: { domain: factors, label: null },
      color: { type: 'linear', scheme: 'blues', domain: [0, Math.max(0.3, ...cells.map((c) => c.share))], legend: true, label: 'share of the factor', tickFormat: (x) => pct(x, { digits: 2 }) },
      marks: [
        Plot.cell(cells, { x: 'feature', y: 'factor', fill: 'share' }),
        (width - 200) / result.features.length < 30 ? null : Plot.text(cells.filter((c) => c.share >= 0.1), { x: 'feature', y: 'factor', text: (c) => pct(c.share, { digits: 2 }), fill: (c) => (c.share > 0.35 ? 'white' : '#1d2733'), fontSize: 10 }),
      ],
    },
    `Heatmap: the ${factors.length} factors (rows) by feature (columns); each cell is the feature's share of the factor. ` +
      f.top.map((top, i) => `F${i + 1}: ${top.map((t) => `${t.feature} ${pct(t.share, { digits: 2 })}`).join(', ')}`).join('; ') + '.',
  );
}

export const factorName = (result, i) => result.factors.top?.[i]?.[0]?.feature ?? `factor ${i + 1}`;

/** Step 2: explained variance against the number of factors; the chosen one marked. */
export function varianceChart(result, { width }) {
  const curve = (result.factors.curve ?? []).filter((p) => finite(p.explained_variance));
  if (!curve.length) return el('p', { class: 'muted' }, 'The explained-variance curve was not computed for this run.');
  const k = result.factors.k;
  return chart(
    {
      width,
      height: 220,
      x: { label: 'number of factors', ticks: curve.length, tickFormat: (x) => num(x) },
      y: { label: 'explained variance', domain: [0, 1], tickFormat: (x) => pct(x, { digits: 2 }), grid: true },
      marks: [
        Plot.line(curve, { x: 'k', y: 'explained_variance', stroke: COLORS.ours }),
        Plot.dot(curve, { x: 'k', y: 'explained_variance', fill: (p) => (p.k === k ? COLORS.other : COLORS.ours), r: (p) => (p.k === k ? 6 : 3) }),
        Plot.text(curve.filter((p) => p.k === k), { x: 'k', y: 'explained_variance', text: (p) => `${num(p.k)} factors: ${pct(p.explained_variance, { digits: 2 })}`, dy: -12, fill: '#1d2733' }),
      ],
    },
    `Line: the share of the scaled data's variance the factors explain, for 1 to ${curve.at(-1).k} factors; ${k} are used (${pct(result.factors.explained_variance, { digits: 2 })}).`,
  );
}

/** Step 3: the silhouette (how well separated) and the inertia (the elbow) against the number of segments. */
export function clusterCurves(result, { width }) {
  const curve = (result.clusters.curve ?? []).filter((p) => finite(p.silhouette) || finite(p.inertia));
  if (!curve.length) return el('p', { class: 'muted' }, 'The silhouette curve was not computed for this run.');
  const c = result.clusters.k;
  const one = (key, label, fmt) =>
    chart(
      {
        width: width < 560 ? width : Math.floor(width / 2) - 8,
        height: 200,
        x: { label: 'number of segments', ticks: curve.length, tickFormat: (x) => num(x) },
        y: { label, grid: true, tickFormat: fmt, zero: key === 'inertia' },
        marks: [
          Plot.line(curve, { x: 'k', y: key, stroke: COLORS.ours }),
          Plot.dot(curve, { x: 'k', y: key, fill: (p) => (p.k === c ? COLORS.other : COLORS.ours), r: (p) => (p.k === c ? 6 : 3) }),
        ],
      },
      `Line: the ${label} for 2 to ${curve.at(-1).k} segments; ${c} are used. ` + curve.map((p) => `${p.k}: ${num(p[key])}`).join(', ') + '.',
    );
  return el('div', { class: 'chart-pair' }, one('silhouette', 'silhouette (higher = apart)', (x) => num(x)), one('inertia', 'inertia (look for the elbow)', tickFormat()));
}

/**
 * Step 3: the segments' profiles: each feature's segment mean against the mean of all customers
 * (×2 = twice the average), on a log colour scale, with the raw mean written in the cell.
 */
export function profileChart(result, { width }) {
  const segs = result.segments;
  const overall = result.features.map((_, j) => segs.reduce((sum, s) => sum + s.share * (s.feature_means?.[j] ?? 0), 0));
  const cells = segs.flatMap((s) =>
    result.features.map((feature, j) => {
      const mean = s.feature_means?.[j];
      const ratio = finite(mean) && overall[j] > 0 ? mean / overall[j] : null;
      return { segment: segmentLabel(s), feature, mean, ratio, log: finite(ratio) && ratio > 0 ? Math.log2(ratio) : ratio === 0 ? -3 : null };
    }),
  );
  const labels = segs.map((s) => short(segmentLabel(s), 30));
  const marginLeft = Math.min(210, 12 + 6.5 * Math.max(...labels.map((s) => s.length)));
  const roomy = (width - marginLeft) / result.features.length >= 30; // room for the numbers in the cells
  return chart(
    {
      width,
      height: 70 + segs.length * 34 + 60,
      marginLeft,
      marginBottom: 96,
      padding: 0.04,
      x: { domain: result.features, tickRotate: -40, label: null },
      y: { domain: segs.map(segmentLabel), label: null, tickFormat: (s) => short(s, 30) },
      color: { type: 'diverging', scheme: 'burd', domain: [-3, 3], clamp: true, legend: true, label: 'segment mean vs all customers', tickFormat: (x) => (x === 0 ? 'average' : `×${num(2 ** x, { digits: 2 })}`) },
      marks: [
        Plot.cell(cells, { x: 'feature', y: 'segment', fill: (c) => c.log }),
        roomy ? Plot.text(cells, { x: 'feature', y: 'segment', text: (c) => num(c.mean, { digits: 2 }), fill: (c) => (Math.abs(c.log ?? 0) > 1.8 ? 'white' : '#1d2733'), fontSize: 9 }) : null,
      ],
    },
    `Heatmap: the ${segs.length} segments (rows) by feature (columns); red = above the average customer, blue = below; each cell shows the segment's mean in the feature's own units. ` +
      segs.map((s) => `${segmentLabel(s)}: ${result.features.map((f, j) => `${f} ${num(s.feature_means?.[j], { digits: 2 })}`).join(', ')}`).join('; ') + '.',
  );
}

/** Step 3: the 2-D map (first two principal components of the factor scores), coloured by segment. */
export function mapChart(result, { width }) {
  const m = result.map;
  if (!m?.x?.length) return el('p', { class: 'muted' }, 'No map for this run.');
  const bySeg = new Map(result.segments.map((s) => [s.segment, s]));
  const points = m.x.map((x, i) => ({ x, y: m.y[i], seg: bySeg.get(m.segment[i]) })).filter((p) => p.seg && finite(p.x) && finite(p.y));
  return chart(
    {
      width,
      height: Math.min(420, Math.max(260, width * 0.7)),
      x: { label: 'map axis 1', ticks: 4, tickFormat: tickFormat() },
      y: { label: 'map axis 2', ticks: 4, tickFormat: tickFormat() },
      color: { ...segColor(result.segments), legend: true },
      marks: [Plot.dot(points, { x: 'x', y: 'y', fill: (p) => segmentLabel(p.seg), r: 2, fillOpacity: 0.6 })],
    },
    `Scatter: ${points.length.toLocaleString('en-US')} customers${m.sampled ? ' (a sample)' : ''} on the two directions along which their factor scores vary most, coloured by segment. Customers close together have similar patterns.`,
  );
}

/** Step 4: each segment's mean Jaccard with its interval over the resamples; the 0.6 line marks unstable. */
export function stabilityChart(result, { width }) {
  const segs = result.segments.filter((s) => finite(s.jaccard));
  const labels = segs.map((s) => short(segmentLabel(s), 30));
  return chart(
    {
      width,
      height: 50 + segs.length * 30,
      marginLeft: Math.min(210, 12 + 6.5 * Math.max(...labels.map((s) => s.length))),
      x: { domain: [0, 1], label: 'Jaccard (share that comes back)', tickFormat: (x) => num(x), grid: true },
      y: { domain: segs.map(segmentLabel), label: null, tickFormat: (s) => short(s, 30) },
      marks: [
        Plot.ruleX([0.6], { stroke: COLORS.bad, strokeDasharray: '4 3' }),
        Plot.text([0.6], { x: (d) => d, frameAnchor: 'top', text: () => 'stable above 0.6', dy: -2, dx: 4, textAnchor: 'start', fill: COLORS.bad, fontSize: 11 }),
        Plot.ruleY(segs, { y: segmentLabel, x1: (s) => s.jaccard_interval?.[0], x2: (s) => s.jaccard_interval?.[1], stroke: (s) => colorOf(s.segment), strokeWidth: 2 }),
        Plot.dot(segs, { x: 'jaccard', y: segmentLabel, fill: (s) => (s.stable ? colorOf(s.segment) : 'white'), stroke: (s) => colorOf(s.segment), r: 6, strokeWidth: 2 }),
      ],
    },
    `Dots: each segment's mean Jaccard index over the resamples, lines: its interval; below the dashed 0.6 line a segment is unstable (hollow dot). ` +
      segs.map((s) => `${segmentLabel(s)}: ${num(s.jaccard)}${s.stable ? '' : ' (unstable)'}`).join('; ') + '.',
  );
}

/** Step 5: each segment's average effect with its 95% interval, the cost line, and who is treated. */
export function effectChart(result, { width, unit = 'outcome units' }) {
  const segs = result.segments.filter((s) => finite(s.effect?.estimate));
  const cost = result.uplift?.cost ?? 0;
  const labels = segs.map((s) => short(segmentLabel(s), 30));
  return chart(
    {
      width,
      height: 50 + segs.length * 30,
      marginLeft: Math.min(210, 12 + 6.5 * Math.max(...labels.map((s) => s.length))),
      x: { label: `average effect (${unit})`, tickFormat: tickFormat(), grid: true },
      y: { domain: segs.map(segmentLabel), label: null, tickFormat: (s) => short(s, 30) },
      marks: [
        Plot.ruleX([cost], { stroke: COLORS.bad, strokeDasharray: '4 3' }),
        Plot.ruleY(segs, { y: segmentLabel, x1: (s) => s.effect.lower, x2: (s) => s.effect.upper, stroke: (s) => colorOf(s.segment), strokeWidth: 2 }),
        Plot.dot(segs, { x: (s) => s.effect.estimate, y: segmentLabel, fill: (s) => (s.treat ? colorOf(s.segment) : 'white'), stroke: (s) => colorOf(s.segment), r: 6, strokeWidth: 2 }),
      ],
    },
    `Dots: each segment's average effect of the offer, lines: the 95% interval; the dashed line is the cost per treated customer (${num(cost)}); filled dots are the segments worth treating. ` +
      segs.map((s) => `${segmentLabel(s)}: ${num(s.effect.estimate)} (${num(s.effect.lower)} to ${num(s.effect.upper)})`).join('; ') + '.',
  );
}

/** Step 5: the value per customer of four policies: by customer, by segment, everyone, nobody. */
export const POLICIES = [
  ['by_customer', 'each customer whose predicted effect pays', 'By customer'],
  ['by_segment', 'every customer of the segments whose average pays', 'By segment'],
  ['everyone', 'everyone', 'Everyone'],
  ['nobody', 'nobody', 'Nobody'],
];
export function policyChart(result, { width, unit = 'outcome units' }) {
  const pv = result.uplift?.policy_value ?? {};
  const rows = POLICIES.filter(([key]) => finite(pv[key])).map(([key, long, label]) => ({ key, long: `Treat ${long}`, label, x: pv[key] }));
  if (!rows.length) return null;
  return chart(
    {
      width,
      height: 40 + rows.length * 34,
      marginLeft: 100,
      x: { label: `value per customer (${unit})`, tickFormat: tickFormat(), grid: true },
      y: { domain: rows.map((r) => r.label), label: null },
      marks: [
        Plot.barX(rows, { x: 'x', y: 'label', fill: (r) => (r.key === 'by_customer' ? COLORS.ours : r.key === 'by_segment' ? COLORS.other : COLORS.muted) }),
        Plot.ruleX([0]),
        Plot.text(rows, { x: 'x', y: 'label', text: (r) => num(r.x), dx: 4, textAnchor: 'start', fill: '#1d2733' }),
      ],
    },
    `Bars: the value per customer of each way of choosing whom to treat. ` + rows.map((r) => `${r.long}: ${num(r.x)}`).join('; ') + '.',
  );
}
