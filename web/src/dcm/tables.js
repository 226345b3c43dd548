// The analyst's tables under "Details": the breakdown by channel group (shares normalised to 100), the
// model vs the naive users-vs-non-users comparison (and the truth, once revealed), and the model with
// vs without same-period effects. Cells show rounded numbers; data-value holds the exact one.
import { dl, el } from '../dom.js';
import { isNum, num, pct, range } from '../kit/format.js';
import { value } from '../kit/story.js';
import { groupName, nameOf, spend } from './names.js';

const NO_CI = 'no bootstrap: set replicates > 0';

/** A number cell: the rounded value (exact in data-value), or "n/a" and why. */
function cell(x, text, kind, reason) {
  if (isNum(x)) return el('td', { class: 'num', dataset: { kind } }, value(x, text));
  return el('td', { class: 'num na', dataset: { kind }, title: reason }, 'n/a', el('span', { class: 'na-reason' }, ` (${reason})`));
}

/** An interval cell: "37,900 to 44,500", the ends in data-lo / data-hi. */
function ciCell(ci, kind = 'ci') {
  if (!Array.isArray(ci) || !isNum(ci[0]) || !isNum(ci[1])) return cell(null, '', kind, NO_CI);
  return el('td', { class: 'num', dataset: { kind, lo: String(ci[0]), hi: String(ci[1]) } }, range(ci[0], ci[1], spend));
}

const textCell = (text, kind, reason) => (text == null ? cell(null, '', kind, reason) : el('td', { class: 'num', dataset: { kind } }, text));

/** A table that may scroll sideways on a phone: a focusable, named region (axe: scrollable-region-focusable). */
const scroller = (table, name) => el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': name }, table);

/** "Discovery (Product recommendations, Product Q&A)"; a group of one reads as its channel alone. */
function groupLabel(config, name, members) {
  const label = groupName(config, name);
  const names = members.map(nameOf);
  return names.length === 1 && names[0] === label ? label : `${label} (${names.join(', ')})`;
}

export function renderGroups(container, score, config) {
  const d = score.definitions;
  const groups = Object.entries(score.groups ?? {});
  if (!groups.length) {
    container.replaceChildren(el('p', { class: 'muted' }, 'No breakdown: the config has no groups.'));
    return;
  }
  const interaction = typeof score.groups_interaction === 'number' ? score.groups_interaction : score.groups_interaction?.incremental;
  const table = el(
    'table',
    { class: 'result-table', id: 'groups-table' },
    el('caption', {}, 'Breakdown by group: the same change restricted to each channel group'),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Group'), el('th', { scope: 'col', title: d.incremental }, 'Spend it brings'), el('th', { scope: 'col', title: d.incremental_ci }, '95% range'), el('th', { scope: 'col', title: d.share_of_100 }, 'Share (groups = 100)'))),
    el(
      'tbody',
      {},
      groups.map(([name, g]) =>
        el('tr', { dataset: { group: name } }, el('th', { scope: 'row' }, groupLabel(config, name, g.surrogates ?? [])), cell(g.incremental, spend(g.incremental), 'incremental', 'not reported'), ciCell(g.incremental_ci), cell(g.share_of_100, isNum(g.share_of_100) ? num(g.share_of_100) : '', 'share', 'no group moves the outcome')),
      ),
    ),
    el('tfoot', {}, el('tr', { dataset: { row: 'interaction' } }, el('th', { scope: 'row' }, 'Interaction (total − sum of groups)'), cell(interaction, spend(interaction), 'incremental', 'not reported'), el('td'), el('td'))),
  );
  container.replaceChildren(
    el('div', { class: 'table-block' }, scroller(table, 'Breakdown by group'), dl([['Group', d.groups], ['Spend it brings (incremental)', d.incremental], ['95% range', d.incremental_ci], ['Share', d.share_of_100], ['Interaction', d.groups_interaction]])),
  );
}

/** rows: [{label, key, score}] for same-period on and off. */
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
    el('caption', {}, 'The same change, the model with and without same-period effects'),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Model'), el('th', { scope: 'col', title: d.incremental }, 'Spend it brings'), el('th', { scope: 'col', title: d.incremental_ci }, '95% range'), el('th', { scope: 'col', title: 'this model’s figure relative to the model with same-period effects' }, 'vs with same-period'))),
    el(
      'tbody',
      {},
      rows.map(({ label, key, score }) => {
        const ratio = on ? score.total.incremental / on : null;
        return el('tr', { dataset: { model: key } }, el('th', { scope: 'row' }, label), cell(score.total.incremental, spend(score.total.incremental), 'incremental', 'not reported'), ciCell(score.total.incremental_ci), cell(ratio, pct(ratio), 'ratio', 'the model with same-period effects finds no effect'));
      }),
    ),
  );
  container.replaceChildren(
    el('div', { class: 'table-block' }, scroller(table, 'With vs without same-period effects'), dl([
      ['Spend it brings', d.incremental],
      ['Why compare', 'Channel use also causes purchases in the same week; a model with lags only cannot see that path, so it undervalues the channel (by about 25% in the KDD ’24 paper).'],
    ])),
  );
}

const covers = (ci, x) => (Array.isArray(ci) && isNum(ci[0]) && isNum(x) ? (ci[0] <= x && x <= ci[1] ? 'yes' : 'no') : null);

/**
 * The model's total next to the naive users-vs-non-users comparison (and, once revealed on the
 * simulated world, the truth), then the truth per group. `truth` is dcm_truth's answer or null.
 */
export function renderNaive(container, score, truth, config) {
  const d = score.definitions;
  const n = score.naive;
  if (!n) {
    container.replaceChildren();
    return;
  }
  const t = score.total;
  const row = (key, label, x, ci, reason) =>
    el('tr', { dataset: { row: key } }, el('th', { scope: 'row' }, label), cell(x, spend(x), 'incremental', reason), ci === undefined ? el('td') : ciCell(ci), truth ? textCell(covers(ci, truth.total.incremental), 'covers', 'no range') : null);
  const table = el(
    'table',
    { class: 'result-table', id: 'naive-table' },
    el('caption', {}, truth ? 'Spend the change removes: the model, the naive users-vs-non-users comparison and the truth' : 'Spend the change removes: the model and the naive users-vs-non-users comparison'),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Estimate'), el('th', { scope: 'col', title: d.incremental }, 'Spend it brings'), el('th', { scope: 'col', title: d.incremental_ci }, '95% range'), truth ? el('th', { scope: 'col', title: 'whether the 95% range contains the simulated world’s true value' }, 'Range covers the truth') : null)),
    el(
      'tbody',
      {},
      row('dcm', 'Dynamic Causal Model', t.incremental, t.incremental_ci ?? null, 'not reported'),
      row('naive', 'Naive: users vs non-users', n.incremental, undefined, n.reason ?? 'not defined'),
      truth ? el('tr', { dataset: { row: 'truth' } }, el('th', { scope: 'row' }, 'Truth (simulated world)'), cell(truth.total.incremental, spend(truth.total.incremental), 'incremental', 'not reported'), el('td'), el('td')) : null,
    ),
  );
  const x0 = Object.entries(n.x0_difference ?? {}).map(([name, v]) => `${nameOf(name)} ${num(v, { signed: true })}`);
  const parts = [
    el('div', { class: 'table-block' }, scroller(table, 'Model vs naive comparison'), dl([
      ['Naive', d.naive],
      ['Users', isNum(n.incremental) ? `${num(n.users)} users (window use above the median, ${num(n.use_threshold)}) spent ${spend(n.mean_outcome_users)} each over the window; ${num(n.non_users)} non-users ${spend(n.mean_outcome_non_users)}.` : null],
      ['Pre-period features: users − non-users', x0.length ? `${x0.join(', ')}. ${d.x0_difference}` : null],
      ['Why it differs', 'Customers who use the channel more were different before they used it (their pre-period features also drive spend), so part of the users’ extra spend would have happened anyway. The model accounts for those features and for past behaviour.'],
      ['Truth', truth ? truth.definitions.incremental : null],
    ])),
  ];
  if (truth) {
    const groups = Object.entries(score.groups ?? {});
    const truthTable = el(
      'table',
      { class: 'result-table', id: 'truth-table' },
      el('caption', {}, 'The truth vs the model, per channel group (the change restricted to each group)'),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Group'), el('th', { scope: 'col', title: truth.definitions.incremental }, 'True value'), el('th', { scope: 'col', title: d.incremental }, 'Model estimate'), el('th', { scope: 'col', title: d.incremental_ci }, '95% range'), el('th', { scope: 'col' }, 'Range covers the truth'))),
      el(
        'tbody',
        {},
        groups.map(([name, g]) => {
          const tv = truth.groups?.[name]?.incremental;
          return el('tr', { dataset: { group: name } }, el('th', { scope: 'row' }, groupName(config, name)), cell(tv, spend(tv), 'truth', 'not a channel of the world'), cell(g.incremental, spend(g.incremental), 'incremental', 'not reported'), ciCell(g.incremental_ci), textCell(covers(g.incremental_ci, tv), 'covers', NO_CI));
        }),
        el('tr', { dataset: { group: 'total' } }, el('th', { scope: 'row' }, 'Total (the whole change)'), cell(truth.total.incremental, spend(truth.total.incremental), 'truth', 'not reported'), cell(t.incremental, spend(t.incremental), 'incremental', 'not reported'), ciCell(t.incremental_ci), textCell(covers(t.incremental_ci, truth.total.incremental), 'covers', NO_CI)),
      ),
    );
    parts.push(el('div', { class: 'table-block' }, scroller(truthTable, 'Truth vs model per group'), dl([['True value', truth.definitions.groups], ['95% range', d.incremental_ci]])));
  }
  container.replaceChildren(...parts);
}
