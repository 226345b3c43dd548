// The naive-vs-Shapley table: per player the Shapley value (± SE), what
// "switch it off alone" and "only this one on" would credit, and the closed
// form where the game has one; the sums rows set each column against the
// total, so double counting shows. Every number's definition follows.
import { el, dl } from '../dom.js';
import { count, isNum, num as fmt } from '../kit/format.js';
import { value } from '../kit/story.js';

// A number cell: rounded text, the exact value in data-value (tests and exports read it); a missing
// number says why. `text` overrides the rounded text ("0 (exact)").
function num(x, reason, kind, extra = {}, text = null) {
  if (isNum(x)) return el('td', { class: 'num', dataset: { kind, ...extra } }, value(x, text ?? fmt(x)));
  return el('td', { class: 'num na', dataset: { kind, ...extra }, title: reason }, 'n/a', el('span', { class: 'na-reason' }, ` (${reason})`));
}

const sum = (xs) => (xs.every(Number.isFinite) ? xs.reduce((a, b) => a + b, 0) : null);
// Differences below this share of the total are rounding, not double counting.
const isOff = (gap, total) => Math.abs(gap) > 1e-9 * Math.max(1, Math.abs(total));

export function renderTables(container, result, closedFormDefinition, voice) {
  const d = result.definitions;
  const exact = result.method === 'exact';
  const hasClosed = result.players.some((p) => p.closed_form != null);
  const heads = [
    el('th', { scope: 'col' }, 'Player'),
    el('th', { scope: 'col', title: d.value }, 'Shapley value'),
    el('th', { scope: 'col', title: d.se }, '± SE'),
    el('th', { scope: 'col', title: d.leave_one_out }, 'Leave-one-out (switch off alone)'),
    el('th', { scope: 'col', title: d.alone }, 'Alone (only this one on)'),
    hasClosed && el('th', { scope: 'col', title: closedFormDefinition }, 'Closed form'),
  ];
  const rows = result.players.map((p) =>
    el(
      'tr',
      { dataset: { player: p.name } },
      el('th', { scope: 'row' }, voice.Name(p.name)),
      num(p.value, 'not defined for this game', 'value'),
      num(exact ? 0 : p.se, 'fewer than 2 sampled orders', 'se', {}, exact ? '0 (exact)' : null),
      num(p.leave_one_out, 'a coalition value is missing', 'leave-one-out'),
      num(p.alone, 'a coalition value is missing', 'alone'),
      hasClosed && num(p.closed_form, 'no closed form for this game', 'closed-form'),
    ),
  );
  const values = sum(result.players.map((p) => p.value));
  const closed = hasClosed ? sum(result.players.map((p) => p.closed_form)) : null;
  const columns = [
    ['value', values],
    ['se', null],
    ['leave-one-out', result.naive.leave_one_out_sum],
    ['alone', result.naive.alone_sum],
    ...(hasClosed ? [['closed-form', closed]] : []),
  ];
  const total = result.total;
  const foot = [
    el('tr', { dataset: { row: 'sum' } }, el('th', { scope: 'row' }, 'Sum over players'), columns.map(([kind, x]) => (kind === 'se' ? el('td') : num(x, 'a value is missing', kind)))),
    el('tr', { dataset: { row: 'total' } }, el('th', { scope: 'row' }, 'Total to split'), columns.map(([kind]) => (kind === 'se' ? el('td') : num(total, 'not defined', kind)))),
    el(
      'tr',
      { dataset: { row: 'gap' } },
      el('th', { scope: 'row' }, 'Sum minus total (double counted if > 0)'),
      columns.map(([kind, x]) => {
        if (kind === 'se') return el('td');
        const gap = Number.isFinite(x) && Number.isFinite(total) ? x - total : null;
        const off = gap != null && isOff(gap, total);
        return num(gap == null ? null : off ? gap : 0, 'a value is missing', kind, { off: String(off) }, off ? fmt(gap, { signed: true }) : '0');
      }),
    ),
  ];
  const table = el(
    'table',
    { class: 'result-table', id: 'shapley-table' },
    el('caption', {}, 'Shapley values against the naive credits'),
    el('thead', {}, el('tr', {}, heads)),
    el('tbody', {}, rows),
    el('tfoot', {}, foot),
  );
  const defs = [
    d.game && ['Coalition value v(S)', d.game],
    ['Shapley value', d.value],
    ['± SE', d.se],
    ['Leave-one-out', d.leave_one_out],
    ['Alone', d.alone],
    hasClosed && ['Closed form', `the value known in formula for this game: ${closedFormDefinition}`],
    ['Total to split', d.total],
    ['Sum minus total', 'what a column credits beyond the total (positive: double counted) or leaves unassigned (negative)'],
  ].filter(Boolean);
  const runDefs = [
    ['Grand coalition', 'v(all players): the value with every player in'],
    ['Empty coalition', 'v(no player): the value without any player (the baseline)'],
    ['Efficiency adjustment', d.efficiency_adjustment],
    ['Coalition evaluations', 'how many coalition values were computed or looked up'],
    ['Sampled orders', 'random orders of the players averaged over (antithetic pairs); 0 for exact enumeration'],
  ];
  const runTable = el(
    'table',
    { class: 'result-table', id: 'run-table' },
    el('caption', {}, 'The game and the computation'),
    el('tbody', {}, [
      ['Grand coalition', result.grand_coalition, 'grand'],
      ['Empty coalition', result.empty_coalition, 'empty'],
      ['Total to split', result.total, 'total'],
      ['Efficiency adjustment', result.efficiency_adjustment, 'adjustment'],
      ['Coalition evaluations', result.evaluations, 'evaluations', count],
      ['Sampled orders', result.permutations, 'permutations', count],
    ].map(([label, x, kind, f = fmt]) => el('tr', {}, el('th', { scope: 'row' }, label), num(x, 'not reported', kind, {}, isNum(x) ? f(x) : null)))),
  );
  container.replaceChildren(
    el('section', { class: 'table-block' }, table, dl(defs)),
    el('section', { class: 'table-block' }, runTable, dl(runDefs)),
  );
}
