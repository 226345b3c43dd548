// The pinned baseline every what-if is compared with. The first answer a page shows is pinned
// automatically (the page's default view); "Pin as baseline" pins the current one; cards then say
// "−24 bookings (−14%) vs the baseline".
import { el } from '../dom.js';

export class Baseline {
  /** @param {(answer) => object} summarise picks the numbers to keep from an answer */
  constructor(summarise) {
    this.summarise = summarise;
    this.pinned = null;
    this.label = '';
    this.listeners = [];
  }

  /** Pins the first answer seen (unless one is pinned already); returns the pinned numbers. */
  seen(answer, label) {
    if (!this.pinned) this.pin(answer, label);
    return this.pinned;
  }

  pin(answer, label = '') {
    this.pinned = this.summarise(answer);
    this.label = label;
    for (const f of this.listeners) f(this.pinned);
  }

  clear() {
    this.pinned = null;
    this.label = '';
  }

  /** The "Pin this view as the baseline" button, with a line saying what is pinned. */
  control(getCurrent) {
    const note = el('span', { class: 'baseline-label muted' });
    const show = () => (note.textContent = this.pinned ? `Baseline: ${this.label || 'the first view'}` : '');
    this.listeners.push(show);
    const button = el('button', { type: 'button', class: 'secondary small', id: 'pin-baseline', onclick: () => { const c = getCurrent(); if (c) this.pin(c.answer, c.label); } }, 'Pin this view as the baseline');
    show();
    return el('div', { class: 'baseline-control' }, button, note);
  }
}
