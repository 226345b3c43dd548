// The pairwise interaction indices as a small heatmap table: one row and one
// column per player, each cell the Shapley interaction index of the pair
// (blue: worth more together than apart, red: less), with its definition.
import { el } from '../dom.js';
import { isNum, num } from '../kit/format.js';
import { value } from '../kit/story.js';

/** Cell colour: blue for positive, red for negative, strength relative to the largest |value|. */
function shade(x, scale) {
  if (!Number.isFinite(x) || scale <= 0) return 'transparent';
  const a = Math.min(1, Math.abs(x) / scale) * 0.55;
  return x >= 0 ? `rgba(59, 110, 168, ${a.toFixed(3)})` : `rgba(192, 80, 77, ${a.toFixed(3)})`;
}

export function renderInteractions(container, result) {
  if (!Array.isArray(result.interactions)) {
    container.replaceChildren(el('p', { class: 'muted' }, 'Tick “Pairwise interactions” under Method (exact only) to see what each pair adds together beyond its members apart.'));
    return;
  }
  const names = result.players.map((p) => p.name);
  const index = new Map(names.map((n, i) => [n, i]));
  const m = names.map(() => names.map(() => null));
  for (const x of result.interactions) {
    m[index.get(x.a)][index.get(x.b)] = x.value;
    m[index.get(x.b)][index.get(x.a)] = x.value;
  }
  const scale = Math.max(0, ...result.interactions.map((x) => Math.abs(x.value)).filter(Number.isFinite));
  const table = el(
    'table',
    { class: 'result-table', id: 'interactions-table' },
    el('caption', {}, 'Pairwise interactions: what a pair adds together beyond its members apart'),
    el('thead', {}, el('tr', {}, el('th', {}, ''), names.map((n) => el('th', { scope: 'col' }, n)))),
    el(
      'tbody',
      {},
      names.map((a, i) =>
        el(
          'tr',
          { dataset: { player: a } },
          el('th', { scope: 'row' }, a),
          names.map((b, j) =>
            i === j
              ? el('td', { class: 'num na', title: 'a player with itself: not defined' }, '—')
              : el('td', { class: 'num', dataset: { with: b }, style: `background:${shade(m[i][j], scale)}`, title: `${a} × ${b}` }, isNum(m[i][j]) ? value(m[i][j], num(m[i][j])) : 'n/a'),
          ),
        ),
      ),
    ),
  );
  container.replaceChildren(
    el(
      'section',
      { class: 'table-block' },
      table,
      el('dl', { class: 'definitions' }, el('dt', {}, 'Interaction index'), el('dd', {}, result.definitions.interactions), el('dt', {}, '—'), el('dd', {}, 'a player with itself: not defined')),
    ),
  );
}
