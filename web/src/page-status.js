// The message box and the progress line every analysis page has (ids
// message, progress, progress-bar, progress-text, cancel).
import { el } from './dom.js';

const $ = (id) => document.getElementById(id);

/** kind: 'error' | 'info'. The core's message (naming file, line and column) is shown as is. */
export function showMessage(kind, title, detail, note) {
  const box = $('message');
  box.dataset.kind = kind;
  const parts = [el('strong', {}, title), detail && el('p', { class: 'detail' }, detail), note && el('p', { class: 'note' }, note)];
  box.replaceChildren(...parts.filter(Boolean)); // a null child would print as the text 'null'
  box.hidden = false;
}

export function clearMessage() {
  $('message').hidden = true;
  $('message').replaceChildren();
}

/** fraction null = indeterminate (until the core reports progress). */
export function showProgress(busy, fraction = null, stage = '') {
  $('progress').hidden = !busy;
  $('cancel').disabled = !busy;
  document.body.dataset.busy = busy ? 'true' : 'false';
  const bar = $('progress-bar');
  if (fraction == null) bar.removeAttribute('value');
  else bar.value = fraction;
  const percent = fraction == null ? '' : ` ${Math.round(fraction * 100)}%`;
  $('progress-text').textContent = busy ? `${stage || 'Running'}${percent}…` : '';
}
