// The page's charts, all through the kit's chart() (site defaults, a text alternative, axe-clean):
// the gain curve of the story (extra outcome vs share e-mailed, model vs random, and what the e-mails
// cost), the predicted change per customer (step 1), the Qini curve (step 2), the net value of each
// share (step 3), true vs estimated gains (step 4), and the analyst's charts under Details.
import { chart, COLORS, Plot, tickFormat } from '../kit/plot.js';
import { num, pct } from '../kit/format.js';

const finite = (x) => typeof x === 'number' && Number.isFinite(x);
const shareAxis = (label) => ({ label, tickFormat: (x) => pct(x), domain: [0, 1], labelAnchor: 'center', labelOffset: 36, labelArrow: 'none' });

/**
 * The story's chart: extra outcome (n × DR gain) of e-mailing the top share, against a random choice of
 * the same size, with the e-mails' cost in units of outcome (cost / value per e-mail) and the chosen share.
 */
export function gainChart(points, { n, economics, chosen, unit, thing, width }) {
  const rows = points.map((p) => ({ share: p.share, model: p.gain * n, random: p.share * points.at(-1).gain * n, cost: (economics.cost * p.treated) / economics.value }));
  const mark = chosen && { share: chosen.share, model: chosen.gain * n };
  const costShown = economics.cost > 0;
  const alt = `Extra ${unit.many} against the share of customers sent the ${thing}, best-moved first: the model's ranking (blue) rises above a random choice (grey dashed)${costShown ? `; the orange line is what the ${thing}s cost, in ${unit.many}` : ''}. The dot marks the ${pct(chosen?.share ?? 0)} chosen.`;
  return chart(
    {
      width,
      height: 300,
      marginLeft: 62,
      x: shareAxis(`Share of customers sent the ${thing} (most moved first)`),
      y: { label: `Extra ${unit.many}`, grid: true, nice: true, labelArrow: 'none', tickFormat: tickFormat(num) },
      color: { domain: ['model ranking', 'random choice', ...(costShown ? [`cost of the ${thing}s`] : [])], range: [COLORS.ours, COLORS.muted, COLORS.other], legend: true },
      marks: [
        Plot.ruleY([0], { stroke: '#bbb' }),
        Plot.line(rows, { x: 'share', y: 'random', stroke: COLORS.muted, strokeDasharray: '5,4' }),
        costShown && Plot.line(rows, { x: 'share', y: 'cost', stroke: COLORS.other, strokeWidth: 1.5 }),
        Plot.line(rows, { x: 'share', y: 'model', stroke: COLORS.ours, strokeWidth: 2.5 }),
        mark && Plot.ruleX([mark.share], { stroke: COLORS.ours, strokeDasharray: '2,3' }),
        mark && Plot.dot([mark], { x: 'share', y: 'model', r: 6, fill: COLORS.ours, stroke: '#fff' }),
        Plot.tip(rows, Plot.pointerX({ x: 'share', y: 'model', title: (d) => `${pct(d.share)} sent: ${num(d.model)} extra ${unit.many}` })),
      ].filter(Boolean),
    },
    alt,
  );
}

/** Step 1: how many customers are predicted to change by how much. */
export function changeHistogram(values, { label, width, format = num, thing = 'treatment' }) {
  const data = values.filter(finite);
  return chart(
    {
      width,
      height: 220,
      marginLeft: 56,
      x: { label, labelAnchor: 'center', labelOffset: 36, labelArrow: 'none', tickFormat: (x) => format(x) },
      y: { label: 'Customers', grid: true, labelArrow: 'none', tickFormat: tickFormat(num) },
      marks: [
        Plot.rectY(data, Plot.binX({ y: 'count' }, { x: (d) => d, thresholds: 40, fill: COLORS.ours, fillOpacity: 0.85 })),
        Plot.ruleX([0], { stroke: COLORS.bad, strokeDasharray: '4,3' }),
      ],
    },
    `How many customers are predicted to change by how much; left of the red dashed line the ${thing} is predicted to put them off.`,
  );
}

/** Step 2 (and Details): the Qini or uplift curve against the random line. kind: 'qini' | 'uplift'. */
export function curveChart(curves, kind, { width, unit, marker = null }) {
  const n = curves.n;
  const points = curves.k.map((k, i) => ({ share: k / n, value: curves[kind][i] })).filter((p) => finite(p.value));
  const end = points.at(-1);
  const figure = chart(
    {
      width,
      height: 260,
      marginLeft: 62,
      x: shareAxis('Share of customers, most moved first'),
      y: { label: kind === 'qini' ? `Extra ${unit.many} counted (Qini)` : `Extra ${unit.many} (uplift curve)`, grid: true, nice: true, labelArrow: 'none', tickFormat: tickFormat(num) },
      marks: [
        Plot.ruleY([0], { stroke: '#bbb' }),
        finite(marker) && Plot.ruleX([marker], { stroke: COLORS.bad, strokeDasharray: '3,3' }),
        end && Plot.link([{ x1: 0, y1: 0, x2: 1, y2: end.value }], { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', stroke: COLORS.muted, strokeDasharray: '5,4' }),
        Plot.line(points, { x: 'share', y: 'value', stroke: COLORS.ours, strokeWidth: 2 }),
      ].filter(Boolean),
    },
    `${kind === 'qini' ? 'Qini' : 'Uplift'} curve: extra ${unit.many} counted among the first customers of the ranking (blue) against a random order (grey dashed).`,
  );
  figure.classList.add(`${kind}-chart`);
  return figure;
}

/** Step 3: the net value of e-mailing each share, with the best (cost-aware) share and the one picked. */
export function netChart(points, { n, economics, best, picked, width, thing }) {
  const rows = points.map((p) => ({ share: p.share, net: (economics.value * p.gain - (economics.cost * p.treated) / n) * n }));
  const at = (p) => p && { share: p.share, net: (economics.value * p.gain - (economics.cost * p.treated) / n) * n };
  return chart(
    {
      width,
      height: 220,
      marginLeft: 62,
      x: shareAxis(`Share of customers sent the ${thing}`),
      y: { label: 'Net value ($)', grid: true, nice: true, labelArrow: 'none', tickFormat: tickFormat(num) },
      marks: [
        Plot.ruleY([0], { stroke: '#bbb' }),
        Plot.line(rows, { x: 'share', y: 'net', stroke: COLORS.good, strokeWidth: 2 }),
        best && Plot.dot([at(best)], { x: 'share', y: 'net', r: 5, fill: COLORS.good }),
        picked && Plot.ruleX([picked.share], { stroke: COLORS.ours, strokeDasharray: '3,3' }),
        picked && Plot.dot([at(picked)], { x: 'share', y: 'net', r: 5, fill: COLORS.ours, stroke: '#fff' }),
      ].filter(Boolean),
    },
    `Net value (value of the extra outcome minus the ${thing}s' cost) of each share sent: the green dot is the cost-aware choice, the blue one the share picked.`,
  );
}

/** Step 4: the truth of a simulated world beside the estimate, per share. */
export function truthChart(points, { n, unit, guess, width }) {
  const rows = points.flatMap((p) => [
    { share: p.share, series: 'true', value: p.truth * n },
    { share: p.share, series: 'estimated', value: p.gain * n },
  ]).filter((r) => finite(r.value));
  return chart(
    {
      width,
      height: 240,
      marginLeft: 62,
      x: shareAxis('Share of customers sent the e-mail (most moved first, by the model)'),
      y: { label: `Extra ${unit.many}`, grid: true, nice: true, labelArrow: 'none', tickFormat: tickFormat(num) },
      color: { domain: ['true', 'estimated'], range: [COLORS.truth, COLORS.ours], legend: true },
      marks: [
        Plot.ruleY([0], { stroke: '#bbb' }),
        finite(guess) && Plot.ruleX([guess], { stroke: COLORS.other, strokeDasharray: '3,3' }),
        Plot.line(rows, { x: 'share', y: 'value', stroke: 'series', strokeWidth: 2 }),
      ].filter(Boolean),
    },
    `True extra ${unit.many} (purple) against the model's estimate (blue) for each share sent; the orange dashed line is your guess.`,
  );
}

export function decilesChart(deciles, { width }) {
  const rows = deciles.flatMap((d, i) => [
    { decile: i + 1, series: 'predicted', value: d.predicted },
    { decile: i + 1, series: 'observed', value: d.observed, lo: d.ci?.[0], hi: d.ci?.[1] },
  ]).filter((r) => finite(r.value));
  const intervals = rows.filter((r) => r.series === 'observed' && finite(r.lo) && finite(r.hi));
  const figure = chart(
    {
      width,
      height: 280,
      marginLeft: 62,
      x: { axis: null, domain: ['predicted', 'observed'] },
      fx: { label: 'Tenth of customers by predicted change (1 = most moved)', axis: 'bottom', labelAnchor: 'center', labelOffset: 36, labelArrow: 'none' },
      y: { label: 'Change (treated − control mean)', grid: true, nice: true, labelArrow: 'none', tickFormat: tickFormat(num) },
      color: { domain: ['predicted', 'observed'], range: ['#9fb8d6', COLORS.bad], legend: true },
      marks: [
        Plot.ruleY([0], { stroke: '#999' }),
        Plot.barY(rows, { fx: 'decile', x: 'series', y: 'value', fill: 'series' }),
        Plot.ruleX(intervals, { fx: 'decile', x: 'series', y1: 'lo', y2: 'hi', stroke: '#333', strokeWidth: 1.5 }),
      ],
    },
    'Predicted against observed change in each tenth of customers, most moved first, with 95% intervals on the observed change.',
  );
  figure.classList.add('deciles-chart');
  return figure;
}

/** histogram: {bin_width, treated: [...], control: [...]} rows per propensity bin. */
export function overlapChart(histogram, { width, armLabel = 'treated', controlLabel = 'control' }) {
  const w = histogram.bin_width ?? 0.05;
  const rows = [
    ...(histogram.treated ?? []).map((count, i) => ({ arm: armLabel, x1: i * w, x2: (i + 1) * w, count })),
    ...(histogram.control ?? []).map((count, i) => ({ arm: controlLabel, x1: i * w, x2: (i + 1) * w, count: -count })),
  ];
  const figure = chart(
    {
      width,
      height: 240,
      marginLeft: 62,
      x: { label: 'Chance of being treated, given the features (propensity)', domain: [0, 1], labelAnchor: 'center', labelOffset: 36, labelArrow: 'none' },
      y: { label: `Rows (${armLabel} up, ${controlLabel} down)`, grid: true, tickFormat: (d) => num(Math.abs(d)), labelArrow: 'none' },
      color: { domain: [armLabel, controlLabel], range: [COLORS.ours, COLORS.other], legend: true },
      marks: [Plot.rectY(rows, { x1: 'x1', x2: 'x2', y: 'count', fill: 'arm', insetLeft: 0.5, insetRight: 0.5 }), Plot.ruleY([0], { stroke: '#555' })],
    },
    'Rows per propensity bin, treated above the axis and control below: where both arms have rows, they can be compared.',
  );
  figure.classList.add('overlap-chart');
  return figure;
}

/** True vs estimated change per customer (at most `limit` points, every k-th row). */
export function truthScatter(truth, estimate, { width, limit = 4000 }) {
  const step = Math.max(1, Math.ceil(truth.length / limit));
  const points = [];
  for (let i = 0; i < truth.length; i += step) if (finite(truth[i]) && finite(estimate[i])) points.push({ truth: truth[i], estimate: estimate[i] });
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of points) {
    lo = Math.min(lo, p.truth, p.estimate);
    hi = Math.max(hi, p.truth, p.estimate);
  }
  const figure = chart(
    {
      width: Math.min(width, 520),
      height: 380,
      marginLeft: 56,
      x: { label: 'True change', domain: [lo, hi], labelAnchor: 'center', labelOffset: 36, labelArrow: 'none' },
      y: { label: 'Estimated change', domain: [lo, hi], grid: true, labelArrow: 'none' },
      marks: [
        Plot.link([{ x1: lo, y1: lo, x2: hi, y2: hi }], { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', stroke: '#888', strokeDasharray: '5,4' }),
        Plot.dot(points, { x: 'truth', y: 'estimate', r: 1.5, fill: COLORS.ours, fillOpacity: 0.45 }),
      ],
    },
    'Each dot is a customer: on the dashed diagonal the estimated change equals the true one.',
  );
  figure.classList.add('truth-scatter');
  return figure;
}
