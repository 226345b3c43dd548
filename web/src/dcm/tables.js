// The breakdown by group (with the shares normalised to 100) and the
// with/without same-period comparison; definitions follow each table.
import { el } from '../dom.js';
import { fmtInterval, fmtNum } from '../format.js';

export const dl = (items) => el('dl', { class: 'definitions' }, items.filter(([, t]) => t).map(([term, text]) => [el('dt', {}, term), el('dd', {}, text)]));

export function num(text, reason, kind) {
  if (text != null) return el('td', { class: 'num', dataset: { kind } }, text);
  return el('td', { class: 'num na', dataset: { kind }, title: reason }, 'n/a', el('span', { class: 'na-reason' }, ` (${reason})`));
}

const NO_CI = 'no bootstrap: set replicates > 0';

export function renderGroups(container, score) {
  const d = score.definitions;
  const groups = Object.entries(score.groups ?? {});
  if (!groups.length) {
    container.replaceChildren(el('p', { class: 'muted' }, 'n/a (the config has no groups)'));
    return;
  }
  const table = el(
    'table',
    { class: 'result-table', id: 'groups-table' },
    el('caption', {}, 'Breakdown by group: the shock restricted to each channel'),
    el('thead', {}, el('tr', {}, el('th', {}, 'Group'), el('th', { title: d.incremental }, 'Incremental'), el('th', { title: d.incremental_ci }, '95% CI'), el('th', { title: d.share_of_100 }, 'Share (groups = 100)'))),
    el(
      'tbody',
      {},
      groups.map(([name, g]) =>
        el('tr', { dataset: { group: name } }, el('th', { scope: 'row' }, `${name} (${(g.surrogates ?? []).join(', ')})`), num(fmtNum(g.incremental), 'not reported', 'incremental'), num(fmtInterval(g.incremental_ci), NO_CI, 'ci'), num(fmtNum(g.share_of_100, 4), 'no group moves the outcome', 'share')),
      ),
    ),
    el('tfoot', {}, el('tr', { dataset: { row: 'interaction' } }, el('th', { scope: 'row' }, 'Interaction (total − sum of groups)'), num(fmtNum(typeof score.groups_interaction === 'number' ? score.groups_interaction : score.groups_interaction?.incremental), 'not reported', 'incremental'), el('td'), el('td'))),
  );
  container.replaceChildren(
    el('div', { class: 'table-block' }, table, dl([['Group', d.groups], ['Incremental', d.incremental], ['95% CI', d.incremental_ci], ['Share', d.share_of_100], ['Interaction', d.groups_interaction]])),
  );
}

/** rows: [{label, score}] for same-period on and off. */
export function renderCompare(container, rows) {
  if (!rows) {
    container.replaceChildren();
    return;
  }
  const d = rows[0].score.definitions;
  const on = rows[0].score.total.incremental;
  const table = el(
    'table',
    { class: 'result-table', id: 'compare-table' },
    el('caption', {}, 'Same shock, model with and without same-period ES effects'),
    el('thead', {}, el('tr', {}, el('th', {}, 'Model'), el('th', { title: d.incremental }, 'Total incremental'), el('th', { title: d.incremental_ci }, '95% CI'), el('th', { title: 'this model’s total incremental relative to the model with same-period effects' }, 'vs with same-period'))),
    el(
      'tbody',
      {},
      rows.map(({ label, key, score }) =>
        el('tr', { dataset: { model: key } }, el('th', { scope: 'row' }, label), num(fmtNum(score.total.incremental), 'not reported', 'incremental'), num(fmtInterval(score.total.incremental_ci), NO_CI, 'ci'), num(on ? `${fmtNum((100 * score.total.incremental) / on, 4)}%` : null, 'the model with same-period effects finds no effect', 'ratio')),
      ),
    ),
  );
  container.replaceChildren(
    el(
      'div',
      { class: 'table-block' },
      table,
      dl([
        ['Total incremental', d.incremental],
        ['Why compare', 'ES interactions also cause purchases in the same week; a model with lags only cannot see that path, so it undervalues the engagement surface (by about 25% in the KDD ’24 paper).'],
      ]),
    ),
  );
}
