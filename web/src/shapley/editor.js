// The example's coalition values as labelled number boxes (step 1). A change is read whole: a bad box
// (empty, not a number) is named in the message and the previous result stays; good values go to
// `onValues` (which recomputes). "Reset" brings the bundled numbers back.
import { el } from '../dom.js';
import { capitalise } from './words.js';
import { coalitionName, readBoxes } from './coalitions.js';

/** @returns {{set(values): void}} */
export function coalitionEditor(container, coalitions, voice, { values, bundled, onValues, onError, open = false }) {
  const boxes = coalitions.rows.map((r, i) => {
    const name = coalitionName(r.members, coalitions.players, voice);
    const id = `coalition-${r.members.map((m) => (m ? '1' : '0')).join('')}`;
    const input = el('input', { type: 'number', id, class: 'number-box coalition-value', step: 'any', inputmode: 'decimal', value: String(values[i]), dataset: { row: String(i) } });
    const label = el('label', { for: id }, capitalise(name));
    return { input, row: el('tr', {}, el('th', { scope: 'row' }, label), el('td', {}, input)) };
  });
  const read = () => readBoxes(boxes.map(({ input }) => ({ text: input.value, badInput: input.validity.badInput })), coalitions, voice);
  const changed = () => {
    let next;
    try {
      next = read();
    } catch (error) {
      onError(error);
      return;
    }
    onValues(next);
  };
  for (const { input } of boxes) input.addEventListener('change', changed);
  const reset = el('button', { type: 'button', id: 'coalitions-reset', class: 'secondary small' }, 'Reset to the example’s numbers');
  const set = (xs) => boxes.forEach(({ input }, i) => (input.value = String(xs[i])));
  reset.addEventListener('click', () => {
    set(bundled);
    onValues([...bundled]);
  });
  const table = el(
    'table',
    { class: 'result-table coalition-table', id: 'coalition-table' },
    el('caption', {}, `Edit the ${voice.value} of any combination (${voice.unit})`),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, `${capitalise(voice.players)} running`), el('th', { scope: 'col' }, capitalise(voice.value)))),
    el('tbody', {}, boxes.map((b) => b.row)),
  );
  container.replaceChildren(el('details', { class: 'details editor-drawer', id: 'coalition-drawer', open: open ? true : null }, el('summary', {}, `Edit the example’s numbers (${boxes.length} combinations)`), el('div', { class: 'details-body' }, table, reset)));
  return { set };
}
