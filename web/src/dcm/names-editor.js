// The settings' "Channel names": one labelled text box per channel, group and other action of the trained
// config, prefilled with its display name. A change renames it everywhere on the page (no engine call).
import { el } from '../dom.js';
import { defaultName, nameOf, rename, renameable } from './names.js';

const $ = (id) => document.getElementById(id);

export function fillNamesEditor(config, onRename) {
  const rows = renameable(config).map((key, i) => {
    const id = `name-${i}`;
    const column = key.startsWith('group:') ? `group “${key.slice(6)}”` : `column “${key}”`;
    const input = el('input', { id, type: 'text', class: 'text', value: nameOf(key), placeholder: defaultName(key), dataset: { key } });
    input.addEventListener('change', () => {
      rename(key, input.value);
      input.value = nameOf(key);
      onRename();
    });
    return el('div', { class: 'name-row' }, el('label', { for: id }, column), input);
  });
  $('names-editor').replaceChildren(...rows);
}
