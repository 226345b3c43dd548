// The message box and the progress line every analysis page has (ids
// message, progress, progress-bar, progress-text, cancel), and its answer when
// the engine cannot run (ids placeholder, controls).
import { el } from './dom.js';

const $ = (id) => document.getElementById(id);

/** False, with the controls disabled and a line saying why, when this browser cannot run the engine. */
export function engineAvailable(client) {
  if (client) return true;
  $('placeholder').textContent = 'This browser cannot run the analyses.';
  $('controls').inert = true;
  return false;
}

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

const KEEP_NOTE = 'Your previous choices and results are kept.';

/**
 * Runs one engine task with the progress line and Cancel:
 * `work(onProgress)` returns a promise; a failure becomes a message (the
 * page's earlier results stay) and the task resolves to undefined.
 * @param {{busy: boolean}} client the worker client (progress stays while it is still busy)
 */
export function taskRunner(client) {
  return async function task(work, failureTitle) {
    showProgress(true);
    try {
      return await work((fraction, stage) => showProgress(true, fraction, stage));
    } catch (error) {
      if (error.code === 'cancelled') showMessage('info', 'Cancelled.', null, KEEP_NOTE);
      else showMessage('error', failureTitle, error.message, KEEP_NOTE);
      return undefined;
    } finally {
      if (!client.busy) showProgress(false);
    }
  };
}
