// The analyst's part of the page, under "Details": what was computed (summary line), the sums against
// the total as cards, the naive-vs-Shapley table with every definition, the formula, the interactions.
// The message box and progress line come from page-status.js.
import { el } from '../dom.js';
import { count, num } from '../kit/format.js';
import { card } from '../kit/story.js';
import { renderInteractions } from './interactions.js';
import { renderTables } from './tables.js';

const $ = (id) => document.getElementById(id);

export { clearMessage, showMessage, showProgress } from '../page-status.js';

function summary(result, label, voice) {
  const n = result.players.length;
  const how = result.method === 'exact' ? `exact: all ${count(2 ** n)} coalitions` : `sampling: ${count(result.permutations, { exact: true })} random orders`;
  return [el('span', {}, label), el('span', {}, `${n} ${n === 1 ? voice.player : voice.players}`), el('span', {}, how), el('span', {}, `${count(result.evaluations, { exact: true })} coalition evaluations`)];
}

function sums(result) {
  const total = result.total;
  const describe = (x) => {
    if (!Number.isFinite(x) || !Number.isFinite(total)) return 'n/a (a value is missing)';
    const g = x - total;
    if (Math.abs(g) <= 1e-9 * Math.max(1, Math.abs(total))) return 'adds up to the total';
    return g > 0 ? `${num(g)} more than the total: double counted` : `${num(-g)} less than the total: left unassigned`;
  };
  const shapleySum = result.players.reduce((a, p) => a + p.value, 0);
  return el(
    'div',
    { class: 'cards-row', id: 'sum-cards' },
    card({ kind: 'total', title: 'Total to split', x: total, text: num(total), note: `v(all) ${num(result.grand_coalition)} − v(none) ${num(result.empty_coalition)}` }),
    card({ kind: 'shapley-sum', title: 'Sum of Shapley values', x: shapleySum, text: num(shapleySum), note: describe(shapleySum) }),
    card({ kind: 'loo-sum', title: 'Sum of leave-one-out credits', x: result.naive.leave_one_out_sum, text: num(result.naive.leave_one_out_sum), note: describe(result.naive.leave_one_out_sum) }),
    card({ kind: 'alone-sum', title: 'Sum of alone credits', x: result.naive.alone_sum, text: num(result.naive.alone_sum), note: describe(result.naive.alone_sum) }),
  );
}

function formula(result) {
  const sampled = result.method === 'permutation';
  return [
    el('p', {}, 'For a player i among n players and a coalition value v(S) for every set S of players:'),
    el('p', { class: 'formula' }, 'φᵢ = Σ over S ⊆ N∖{i} of |S|! (n − |S| − 1)! / n! × [v(S ∪ {i}) − v(S)]'),
    el('p', {}, 'The weight |S|! (n − |S| − 1)! / n! is the share of all n! orders of arrival in which exactly the players of S arrive before i, so φᵢ is i’s extra on arrival, averaged over every order. The φᵢ add up to v(N) − v(∅) (efficiency); a player that never adds anything gets 0; players that add the same everywhere get the same.'),
    el('p', {}, sampled
      ? `Sampling: ${count(result.permutations, { exact: true })} random orders (in antithetic pairs: each order and its reverse) are averaged; ± SE is the standard error of that average (standard deviation of the per-order extras over √orders), so the exact value lies within about ±2 SE 95% of the time. The sampled values are then adjusted to add up to the total (the efficiency adjustment, spread equally).`
      : 'Exact: all 2ⁿ coalitions are evaluated, so the values carry no sampling error (SE 0). Sampling random orders instead gives an estimate ± SE for games too large to enumerate.'),
    el('p', {}, 'Leave-one-out (“switch it off alone”) credits v(N) − v(N∖{i}); alone (“only this one on”) credits v({i}) − v(∅). Neither needs to add up to the total.'),
  ];
}

export function showDetails(result, label, closedFormDefinition, voice) {
  $('placeholder').hidden = true;
  $('results').hidden = false;
  $('summary').replaceChildren(...summary(result, label, voice));
  const tables = $('tables');
  renderTables(tables, result, closedFormDefinition, voice);
  tables.prepend(sums(result));
  $('formula').replaceChildren(...formula(result));
  renderInteractions($('interactions-block'), result);
}
