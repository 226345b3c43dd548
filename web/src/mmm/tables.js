// The analyst's drawers under "Details": fit accuracy, the ridge penalty, every channel's parameters with
// intervals, the decomposition week by week, the definitions; and the decomposition as CSV (full precision).
import { el } from '../dom.js';
import { count, duration, num, pct } from '../kit/format.js';
import { details, value } from '../kit/story.js';

const cell = (x, text = num(x, { digits: 4 })) => el('td', { class: 'num' }, value(x, text));
const interval = (ci) => (ci ? `${num(ci[0], { digits: 4 })} to ${num(ci[1], { digits: 4 })}` : '—');
const table = (id, caption, head, rows) =>
  el('div', { class: 'table-block' }, el('table', { class: 'result-table', id }, el('caption', {}, caption), el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))), el('tbody', {}, ...rows)));

export function renderDetails(target, result, { label, ms, w }) {
  const r = result;
  const fit = table('fit-table', 'Fit accuracy', ['', 'weeks', 'R²', 'RMSE', 'MAPE (%)'], ['in_sample', 'holdout'].map((k) => {
    const f = r.fit[k];
    return el('tr', { dataset: { fit: k } }, el('th', { scope: 'row' }, k === 'in_sample' ? 'in sample' : 'holdout (last weeks, unseen)'), cell(f.weeks, count(f.weeks)), cell(f.r2), cell(f.rmse), cell(f.mape));
  }));
  const ridge = table('ridge-table', `Ridge penalty: ${num(r.model.ridge)} chosen by the holdout RMSE`, ['ridge', 'holdout RMSE'], r.model.ridge_tried.map((t) => el('tr', {}, cell(t.ridge), cell(t.holdout_rmse))));
  const paramNames = [...new Set(r.channels.flatMap((c) => Object.keys(c.params)))];
  const channels = table(
    'channel-table',
    `Channels (${pct(r.bootstrap.level, { digits: 2 })} intervals from ${count(r.bootstrap.replicates)} bootstrap refits)`,
    ['channel', 'spend', 'contribution', 'interval', 'share', 'ROI', 'interval', 'marginal ROI', 'interval', 'β', 'interval', ...paramNames.flatMap((p) => [p, 'interval', 'searched'])],
    r.channels.map((c) => el('tr', { dataset: { channel: c.name } },
      el('th', { scope: 'row' }, w.name(c.name)), cell(c.spend), cell(c.contribution), el('td', {}, interval(c.contribution_ci)), cell(c.share, pct(c.share)),
      cell(c.roi), el('td', {}, interval(c.roi_ci)), cell(c.mroi), el('td', {}, interval(c.mroi_ci)), cell(c.beta), el('td', {}, interval(c.beta_ci)),
      ...paramNames.flatMap((p) => (c.params[p] ? [cell(c.params[p].value), el('td', {}, interval(c.params[p].ci)), el('td', {}, interval(c.params[p].range))] : [el('td', {}, '—'), el('td', {}, '—'), el('td', {}, '—')])))),
  );
  const base = table('base-table', `Baseline and controls: intercept ${num(r.model.intercept, { digits: 4 })}`, ['term', 'coefficient'], r.model.base.map((b) => el('tr', {}, el('th', { scope: 'row' }, b.name), cell(b.coef))));
  const cols = decompositionColumns(r);
  const decomposition = table('decomposition-table', 'Decomposition, week by week', cols.map((c) => c.name), r.decomposition.week.map((week, t) => el('tr', {}, el('th', { scope: 'row' }, week), ...cols.slice(1).map((c) => cell(c.values[t], num(c.values[t], { digits: 4 }))))));
  const defs = el('dl', { class: 'definitions' }, ...Object.entries(r.definitions).flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  $summary(r, { label, ms });
  target.replaceChildren(
    details('Fit accuracy and the ridge penalty', fit, ridge),
    details('Every channel’s parameters', channels, base, el('p', { class: 'muted' }, `Adstock ${r.model.adstock} over ${count(r.model.max_lag)} weeks; saturation ${r.model.saturation}; ${count(r.model.fourier)} Fourier pairs; trend ${r.model.trend ? 'on' : 'off'}; bootstrap blocks of ${count(r.bootstrap.block_length)} weeks, seed ${r.bootstrap.seed}.`)),
    details('The decomposition, week by week', decomposition),
    details('Definitions', defs),
  );
}

function $summary(r, { label, ms }) {
  document.getElementById('summary').replaceChildren(`${label}: ${count(r.weeks)} weeks, ${count(r.channels.length)} channels, KPI ${r.kpi}. In-sample R² ${num(r.fit.in_sample.r2, { digits: 3 })}, holdout R² ${num(r.fit.holdout.r2, { digits: 3 })}. Fitted with ${count(r.bootstrap.replicates)} bootstrap refits in ${duration(ms)}.`);
}

/** The decomposition's columns: week, the KPI, the fit and each of its parts (controls and channels). */
function decompositionColumns(r) {
  const d = r.decomposition;
  return [
    { name: 'week', values: d.week },
    { name: 'kpi', values: d.kpi },
    { name: 'fitted', values: d.fitted },
    { name: 'baseline', values: d.baseline },
    { name: 'seasonality', values: d.seasonality },
    ...Object.entries(d.controls).map(([name, values]) => ({ name: `control ${name}`, values })),
    ...r.channels.map((c) => ({ name: `media ${c.name}`, values: c.by_week })),
  ];
}

/** The decomposition as CSV, every number at full precision. */
export function decompositionCsv(r) {
  const cols = decompositionColumns(r);
  const quote = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [cols.map((c) => quote(c.name)).join(',')];
  for (let t = 0; t < r.decomposition.week.length; t++) lines.push(cols.map((c) => (typeof c.values[t] === 'number' ? String(c.values[t]) : quote(String(c.values[t])))).join(','));
  return `${lines.join('\n')}\n`;
}
