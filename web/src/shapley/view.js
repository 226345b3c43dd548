// Everything the Shapley page shows that is not a control: the results (summary,
// headline, chart, tables); the message box and progress line come from page-status.js.
import { el } from '../dom.js';
import { fmtInt, fmtNum } from '../format.js';
import { renderChart } from './chart.js';
import { renderInteractions } from './interactions.js';
import { renderTables } from './tables.js';

const $ = (id) => document.getElementById(id);

export { clearMessage, showMessage, showProgress } from '../page-status.js';

function summary(result, label) {
  const n = result.players.length;
  const how = result.method === 'exact' ? `exact: all ${fmtInt(2 ** n)} coalitions` : `sampling: ${fmtInt(result.permutations)} random orders`;
  return [el('span', {}, label), el('span', {}, `${n} players`), el('span', {}, how), el('span', {}, `${fmtInt(result.evaluations)} coalition evaluations`)];
}

function card(title, big, line, data) {
  return el('section', { class: 'headline-card', dataset: data }, el('h3', {}, title), el('p', { class: 'big' }, big ?? 'n/a'), el('p', {}, line));
}

function headline(result) {
  const total = result.total;
  const shapleySum = result.players.reduce((a, p) => a + p.value, 0);
  const gap = (x) => (Number.isFinite(x) && Number.isFinite(total) ? x - total : null);
  const describe = (x) => {
    const g = gap(x);
    if (g == null) return 'n/a (a value is missing)';
    if (Math.abs(g) <= 1e-9 * Math.max(1, Math.abs(total))) return 'adds up to the total';
    return g > 0 ? `${fmtNum(g)} more than the total: double counted` : `${fmtNum(-g)} less than the total: left unassigned`;
  };
  const offKind = (x) => String(gap(x) != null && Math.abs(gap(x)) > 1e-9 * Math.max(1, Math.abs(total)));
  return [
    card('Total to split', fmtNum(total), `v(all) ${fmtNum(result.grand_coalition)} − v(none) ${fmtNum(result.empty_coalition)}`, { kind: 'total' }),
    card('Sum of Shapley values', fmtNum(shapleySum), describe(shapleySum), { kind: 'shapley-sum', significant: 'true' }),
    card('Sum of leave-one-out credits', fmtNum(result.naive.leave_one_out_sum), describe(result.naive.leave_one_out_sum), { kind: 'loo-sum', sign: offKind(result.naive.leave_one_out_sum) === 'true' ? 'negative' : 'positive' }),
    card('Sum of alone credits', fmtNum(result.naive.alone_sum), describe(result.naive.alone_sum), { kind: 'alone-sum', sign: offKind(result.naive.alone_sum) === 'true' ? 'negative' : 'positive' }),
  ];
}

export function showResult(result, label, closedFormDefinition) {
  $('placeholder').hidden = true;
  $('results').hidden = false;
  $('summary').replaceChildren(...summary(result, label));
  $('headline').replaceChildren(...headline(result));
  const chart = $('chart');
  renderChart(chart, result, { width: Math.max(480, Math.min(chart.clientWidth || 760, 900)) });
  renderTables($('tables'), result, closedFormDefinition);
  renderInteractions($('interactions-block'), result);
}
