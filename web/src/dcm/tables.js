// The breakdown by group (with the shares normalised to 100) and the
// with/without same-period comparison; definitions follow each table.
import { el, dl } from '../dom.js';
import { fmtInterval, fmtNum } from '../format.js';


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

const covers = (ci, x) => (Array.isArray(ci) && typeof ci[0] === 'number' && typeof x === 'number' ? (ci[0] <= x && x <= ci[1] ? 'yes' : 'no') : null);

/**
 * The DCM's total next to the naive users-vs-non-users comparison (and, once
 * revealed on the simulated world, the truth), then the truth per group.
 * `truth` is dcm_truth's answer or null.
 */
export function renderNaive(container, score, truth) {
  const d = score.definitions;
  const n = score.naive;
  if (!n) {
    container.replaceChildren();
    return;
  }
  const t = score.total;
  const row = (key, label, value, ci, reason) =>
    el('tr', { dataset: { row: key } }, el('th', { scope: 'row' }, label), num(fmtNum(value), reason, 'incremental'), num(ci === undefined ? '' : fmtInterval(ci), NO_CI, 'ci'), truth ? num(covers(ci, truth.total.incremental), 'no CI', 'covers') : null);
  const table = el(
    'table',
    { class: 'result-table', id: 'naive-table' },
    el('caption', {}, truth ? 'Total incremental spend: the DCM, the naive users-vs-non-users comparison and the truth' : 'Total incremental spend: the DCM and the naive users-vs-non-users comparison'),
    el('thead', {}, el('tr', {}, el('th', {}, 'Estimate'), el('th', { title: d.incremental }, 'Incremental'), el('th', { title: d.incremental_ci }, '95% CI'), truth ? el('th', { title: 'whether the 95% CI contains the simulated world’s true value' }, 'CI covers the truth') : null)),
    el(
      'tbody',
      {},
      row('dcm', 'Dynamic Causal Model', t.incremental, t.incremental_ci ?? null, 'not reported'),
      row('naive', 'Naive: users vs non-users', n.incremental, undefined, n.reason ?? 'not defined'),
      truth ? el('tr', { dataset: { row: 'truth' } }, el('th', { scope: 'row' }, 'Truth (simulated world)'), num(fmtNum(truth.total.incremental), 'not reported', 'incremental'), el('td'), el('td')) : null,
    ),
  );
  const x0 = Object.entries(n.x0_difference ?? {}).map(([name, v]) => `${name} ${v >= 0 ? '+' : ''}${fmtNum(v, 4)}`);
  const parts = [
    el('div', { class: 'table-block' }, table, dl([
      ['Naive', d.naive],
      ['Users', n.incremental == null ? null : `${n.users} users (window use of the shocked surrogates above the median ${fmtNum(n.use_threshold, 4)}) spent ${fmtNum(n.mean_outcome_users)} each over the window; ${n.non_users} non-users ${fmtNum(n.mean_outcome_non_users)}.`],
      ['X0: users − non-users', x0.length ? `${x0.join(', ')}. ${d.x0_difference}` : null],
      ['Why it differs', 'Customers who use the engagement surface more were different before they used it (their pre-period features X0 also drive spend), so part of the users’ excess spend would have happened anyway. The DCM conditions on X0 and past behaviour.'],
      ['Truth', truth ? truth.definitions.incremental : null],
    ])),
  ];
  if (truth) {
    const groups = Object.entries(score.groups ?? {});
    parts.push(
      el(
        'div',
        { class: 'table-block' },
        el(
          'table',
          { class: 'result-table', id: 'truth-table' },
          el('caption', {}, 'The truth vs the DCM, per channel (the shock restricted to each group)'),
          el('thead', {}, el('tr', {}, el('th', {}, 'Group'), el('th', { title: truth.definitions.incremental }, 'True value'), el('th', { title: d.incremental }, 'DCM estimate'), el('th', { title: d.incremental_ci }, '95% CI'), el('th', {}, 'CI covers the truth'))),
          el(
            'tbody',
            {},
            groups.map(([name, g]) => {
              const tv = truth.groups?.[name]?.incremental;
              return el('tr', { dataset: { group: name } }, el('th', { scope: 'row' }, name), num(fmtNum(tv), 'not a channel of the world', 'truth'), num(fmtNum(g.incremental), 'not reported', 'incremental'), num(fmtInterval(g.incremental_ci), NO_CI, 'ci'), num(covers(g.incremental_ci, tv), NO_CI, 'covers'));
            }),
            el('tr', { dataset: { group: 'total' } }, el('th', { scope: 'row' }, 'Total (the whole shock)'), num(fmtNum(truth.total.incremental), 'not reported', 'truth'), num(fmtNum(t.incremental), 'not reported', 'incremental'), num(fmtInterval(t.incremental_ci), NO_CI, 'ci'), num(covers(t.incremental_ci, truth.total.incremental), NO_CI, 'covers')),
          ),
        ),
        dl([['True value', truth.definitions.groups], ['95% CI', d.incremental_ci]]),
      ),
    );
  }
  container.replaceChildren(...parts);
}
