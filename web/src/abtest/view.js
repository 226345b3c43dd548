// Everything the A/B page shows that is not a control: the results (summary,
// chart, tables); the message box and progress line come from page-status.js.
import { el } from '../dom.js';
import { fmtInt, fmtInterval, fmtNum, fmtP, fmtPct } from '../format.js';
import { renderChart } from './chart.js';
import { renderTables } from './tables.js';

const $ = (id) => document.getElementById(id);

export { clearMessage, showMessage, showProgress } from '../page-status.js';

function summary(result, datasetLabel) {
  const { rows } = result;
  const dropped = rows.dropped_missing ? `, ${fmtInt(rows.dropped_missing)} dropped for missing values` : '';
  return [
    el('span', {}, datasetLabel),
    el('span', {}, `outcome ${result.outcome} (${result.outcome_kind})`),
    el('span', {}, `${fmtInt(rows.used)} of ${fmtInt(rows.total)} rows used${dropped}`),
    el('span', {}, `${fmtPct(result.confidence)} confidence`),
    el('span', {}, `control ${result.control}${result.control_guessed ? ' (guessed by the core)' : ''}`),
  ];
}

/** One card per arm: the difference at a glance (3 digits; the tables carry 6). */
function headlineCards(result) {
  // toPrecision keeps trailing zeros, so both ends of an interval read alike (0.0700, 0.0832).
  const short = (x) => (Number.isFinite(x) ? (Math.abs(x) >= 1e-4 || x === 0 ? x.toPrecision(3) : fmtNum(x, 3)) : null);
  return result.comparisons.map((c) => {
    const significant = Array.isArray(c.ci) && c.ci[0] != null && (c.ci[0] > 0 || c.ci[1] < 0);
    const diff = short(c.diff);
    const lift = fmtPct(c.relative_lift, { signed: true });
    return el(
      'section',
      { class: 'headline-card', dataset: { arm: c.arm, sign: c.diff < 0 ? 'negative' : 'positive', significant: String(significant) } },
      el('h3', {}, `${c.arm} vs ${c.vs}`),
      el('p', { class: 'big' }, diff == null ? 'n/a' : `${c.diff > 0 ? '+' : ''}${diff}`, lift && el('small', {}, `${lift} relative`)),
      el('p', {}, `${fmtPct(result.confidence)} CI ${fmtInterval(c.ci, short) ?? 'n/a'} · p ${fmtP(c.p_value) ?? 'n/a'}`),
    );
  });
}

export function showResult(result, datasetLabel) {
  $('placeholder').hidden = true;
  $('results').hidden = false;
  $('summary').replaceChildren(...summary(result, datasetLabel));
  $('headline').replaceChildren(...headlineCards(result));
  const chart = $('chart');
  renderChart(chart, result, { width: Math.max(480, Math.min(chart.clientWidth || 760, 900)) });
  renderTables($('tables'), result);
}
