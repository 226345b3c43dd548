// The page's charts (Observable Plot through the kit, each with its text alternative): the story's ROI bars
// with their intervals; spend and the KPI over the weeks; the adstock lag weights; the response curves with
// their bootstrap bands and today's spend; the decomposition over time; today's split against the best one.
// One colour per channel, the same on every chart.
import { el } from '../dom.js';
import { num, pct } from '../kit/format.js';
import { chart, COLORS, Plot, tickFormat } from '../kit/plot.js';

export const CHANNEL_COLORS = ['#2f5f98', '#d9822b', '#3a8a4a', '#a8322d', '#7b4fa0', '#8c6d31', '#c2549d', '#2a9d9f'];
const channelScale = (result, w) => ({ domain: result.channels.map((c) => w.name(c.name)), range: CHANNEL_COLORS, legend: true });
const dates = (result) => result.decomposition.week.map((d, t) => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? new Date(`${d}T00:00:00Z`) : t));
const isDate = (result) => /^\d{4}-\d{2}-\d{2}$/.test(result.decomposition.week[0] ?? '');

/** The story: each channel's ROI (KPI per unit of spend) with its interval, best first; marginal ROI as a tick. */
export function storyChart(result, { width, w, truth = null }) {
  const rows = [...result.channels].sort((a, b) => b.roi - a.roi).map((c) => ({ c, name: w.name(c.name) }));
  const max = Math.max(...rows.flatMap(({ c }) => [c.roi, c.roi_ci?.[1] ?? 0, c.mroi, truth?.[c.name] ?? 0]));
  const withCi = rows.filter((r) => r.c.roi_ci);
  return chart(
    {
      width,
      height: Math.max(200, rows.length * 62 + 60),
      marginLeft: Math.min(110, 12 + 7 * Math.max(...rows.map((r) => r.name.length))),
      marginRight: 30,
      x: { domain: [0, max * 1.08], label: w.perSpend, tickFormat: tickFormat(num), ticks: width < 500 ? 3 : 6 },
      y: { domain: rows.map((r) => r.name), label: null },
      color: { ...channelScale(result, w), legend: false },
      marks: [
        Plot.barX(rows, { x: (r) => r.c.roi, y: 'name', fill: 'name', insetTop: 8, insetBottom: 8 }),
        Plot.ruleY(withCi, { x1: (r) => r.c.roi_ci[0], x2: (r) => r.c.roi_ci[1], y: 'name', stroke: '#1d2733', strokeWidth: 2 }),
        Plot.tickX(rows, { x: (r) => r.c.mroi, y: 'name', stroke: '#1d2733', strokeDasharray: '3,2', strokeWidth: 2 }),
        truth ? Plot.dot(rows, { x: (r) => truth[r.c.name], y: 'name', r: 6, fill: COLORS.truth, stroke: 'white', symbol: 'diamond' }) : null,
        Plot.text(rows, { x: (r) => r.c.roi, y: 'name', text: (r) => num(r.c.roi), dx: 4, dy: -18, textAnchor: 'start', fill: '#1d2733', fontWeight: 600 }),
        Plot.ruleX([0]),
      ],
    },
    `Bars: ${w.kpi} per ${w.spend} for each channel, best first. ` + rows.map(({ c, name }) => `${name}: ROI ${num(c.roi)}${c.roi_ci ? ` (interval ${num(c.roi_ci[0])} to ${num(c.roi_ci[1])})` : ''}, next ${w.spend} ${num(c.mroi)}${truth ? `, true ROI ${num(truth[c.name])}` : ''}`).join('; ') + '.',
  );
}

/** Step 1: the KPI over the weeks, and each channel's spend beneath it. */
export function dataChart(result, spend, { width, w }) {
  const x = dates(result);
  const kpi = result.decomposition.kpi.map((y, t) => ({ x: x[t], y }));
  const spendRows = spend ? result.channels.flatMap((c) => (spend[c.name] ?? []).map((y, t) => ({ x: x[t], y, name: w.name(c.name) }))) : [];
  const xAxis = { label: null, type: isDate(result) ? 'utc' : 'linear', ticks: width < 500 ? 4 : 8 };
  const top = chart(
    { width, height: 180, marginLeft: 60, x: xAxis, y: { label: w.kpi, tickFormat: tickFormat(num), grid: true }, marks: [Plot.lineY(kpi, { x: 'x', y: 'y', stroke: '#1d2733' })] },
    `Line: ${w.kpi} per week over ${result.weeks} weeks, from ${num(Math.min(...result.decomposition.kpi))} to ${num(Math.max(...result.decomposition.kpi))}.`,
  );
  if (!spendRows.length) return top;
  const bottom = chart(
    { width, height: 200, marginLeft: 60, x: xAxis, y: { label: `spend per week (${w.spends})`, tickFormat: tickFormat(num), grid: true }, color: channelScale(result, w), marks: [Plot.lineY(spendRows, { x: 'x', y: 'y', stroke: 'name', strokeWidth: 1.3 })] },
    `Lines: spend per week on each channel. ` + result.channels.map((c) => `${w.name(c.name)}: ${num(c.spend)} in all`).join('; ') + '.',
  );
  return el('div', { class: 'chart-stack' }, top, bottom);
}

/** Step 2: the share of a week's effect in each following week (the fitted adstock weights). */
export function lagChart(result, { width, w }) {
  const rows = result.channels.flatMap((c) => c.lag_weights.map((y, l) => ({ l, y, name: w.name(c.name) })));
  return chart(
    {
      width,
      height: 220,
      marginLeft: 50,
      x: { label: 'weeks after the spend (0 = the same week)', ticks: result.model.max_lag },
      y: { label: 'share of the effect', tickFormat: (x) => pct(x, { digits: 2 }), grid: true },
      color: channelScale(result, w),
      marks: [Plot.lineY(rows, { x: 'l', y: 'y', stroke: 'name', marker: 'dot' }), Plot.ruleY([0])],
    },
    `Lines: the share of a week's effect that lands 0 to ${result.model.max_lag - 1} weeks later, per channel. ` + result.channels.map((c) => `${w.name(c.name)}: ${c.lag_weights.map((x) => pct(x, { digits: 2 })).join(', ')}`).join('; ') + '.',
  );
}

/** Step 3: each channel's response curve (KPI over the weeks against its total spend), band, today marked. */
export function curveChart(result, { width, w }) {
  const rows = result.channels.flatMap((c) => c.curve.multiplier.map((m, k) => ({ x: m * c.spend, y: c.curve.kpi[k], lo: c.curve.lo?.[k], hi: c.curve.hi?.[k], name: w.name(c.name) })));
  const today = result.channels.map((c) => ({ x: c.spend, y: c.contribution, name: w.name(c.name) }));
  const banded = rows.filter((r) => r.lo != null && r.hi != null);
  return chart(
    {
      width,
      height: 280,
      marginLeft: 64,
      x: { label: `spend over the weeks (${w.spends})`, tickFormat: tickFormat(num), ticks: width < 500 ? 3 : 6 },
      y: { label: `${w.kpi} the channel brings`, tickFormat: tickFormat(num), grid: true },
      color: channelScale(result, w),
      marks: [
        banded.length ? Plot.areaY(banded, { x: 'x', y1: 'lo', y2: 'hi', fill: 'name', fillOpacity: 0.18 }) : null,
        Plot.lineY(rows, { x: 'x', y: 'y', stroke: 'name', strokeWidth: 2 }),
        Plot.dot(today, { x: 'x', y: 'y', fill: 'name', r: 5, stroke: 'white' }),
        Plot.text(today, { x: 'x', y: 'y', text: () => 'today', dy: -10, fill: '#1d2733' }),
        Plot.ruleY([0]),
      ],
    },
    `Curves: what each channel would bring if all its weeks' spend were scaled, with the bootstrap band; dots: today's spend. ` + result.channels.map((c) => `${w.name(c.name)}: ${num(c.contribution)} ${w.kpi} at ${num(c.spend)}`).join('; ') + '.',
  );
}

/** Step 4: the fitted KPI split into its parts week by week (stacked areas), the KPI as a line. */
export function decompositionChart(result, { width, w }) {
  const x = dates(result);
  const d = result.decomposition;
  const parts = [
    { name: 'baseline', ys: d.baseline },
    { name: 'season', ys: d.seasonality },
    { name: 'controls', ys: d.week.map((_, t) => Object.values(d.controls).reduce((s, v) => s + v[t], 0)) },
    ...result.channels.map((c) => ({ name: w.name(c.name), ys: c.by_week })),
  ];
  const rows = parts.flatMap((p) => p.ys.map((y, t) => ({ x: x[t], y, part: p.name })));
  const names = parts.map((p) => p.name);
  return chart(
    {
      width,
      height: 300,
      marginLeft: 60,
      x: { label: null, type: isDate(result) ? 'utc' : 'linear', ticks: width < 500 ? 4 : 8 },
      y: { label: w.kpi, tickFormat: tickFormat(num), grid: true },
      color: { domain: names, range: ['#c9cfd8', '#e5d7a8', '#b9c7b4', ...CHANNEL_COLORS], legend: true },
      marks: [
        Plot.areaY(rows, { x: 'x', y: 'y', fill: 'part', order: names, fillOpacity: 0.9 }),
        Plot.lineY(d.kpi.map((y, t) => ({ x: x[t], y })), { x: 'x', y: 'y', stroke: '#1d2733', strokeWidth: 1.2 }),
        Plot.ruleY([0]),
      ],
    },
    `Stacked areas: each week's ${w.kpi} split into baseline, season, controls and each channel; the line is the actual ${w.kpi}. ` + result.channels.map((c) => `${w.name(c.name)} brought ${num(c.contribution)} in all`).join('; ') + '.',
  );
}

/** Step 5: today's spend on each channel against the best split of the chosen total (and the user's own). */
export function splitChart(result, plan, mine, { width, w }) {
  const rows = result.channels.flatMap((c, i) => [
    { name: w.name(c.name), which: 'today', x: c.spend },
    ...(plan.feasible ? [{ name: w.name(c.name), which: 'best split', x: plan.spend[i] }] : []),
    ...(mine ? [{ name: w.name(c.name), which: 'your split', x: mine[i] * c.spend }] : []),
  ]);
  const whichs = ['today', 'best split', 'your split'].filter((k) => rows.some((r) => r.which === k));
  return chart(
    {
      width,
      height: result.channels.length * (whichs.length * 18 + 14) + 50,
      marginLeft: Math.min(110, 12 + 7 * Math.max(...result.channels.map((c) => w.name(c.name).length))),
      marginRight: 60,
      x: { label: `spend over the weeks (${w.spends})`, tickFormat: tickFormat(num), ticks: width < 500 ? 3 : 6 },
      y: { domain: whichs, axis: null },
      fy: { domain: result.channels.map((c) => w.name(c.name)), label: null, axis: 'left' },
      color: { domain: whichs, range: [COLORS.muted, COLORS.ours, COLORS.other].slice(0, whichs.length), legend: true },
      marks: [
        Plot.barX(rows, { x: 'x', y: 'which', fy: 'name', fill: 'which', insetTop: 1, insetBottom: 1 }),
        Plot.text(rows, { x: 'x', y: 'which', fy: 'name', text: (r) => num(r.x), dx: 4, textAnchor: 'start', fill: '#1d2733', fontSize: 11 }),
        Plot.ruleX([0]),
      ],
    },
    `Bars: each channel's spend today${plan.feasible ? ' and in the best split' : ''}${mine ? ' and in your split' : ''}. ` + result.channels.map((c, i) => `${w.name(c.name)}: ${num(c.spend)} today${plan.feasible ? `, ${num(plan.spend[i])} best` : ''}`).join('; ') + '.',
  );
}
