// Guess first, then reveal (workshop mode): before step 2 shows the groups' figures, the reader types
// how much the first e-mail changed the outcome; Reveal shows the answer with the guess beside it.
// Each view (arm column, control, outcome) asks for its own guess.
import { el } from '../dom.js';
import { isWorkshop } from '../kit/workshop.js';

export class GuessFirst {
  /** @param {() => void} onReveal redraws the page with the answer shown */
  constructor(onReveal) {
    this.enabled = isWorkshop();
    this.revealed = new Map(); // view key → {arm, x}
    this.onReveal = onReveal;
    this.key = null;
    this.arm = null;
  }

  /** Whether the numbers of `key` are still hidden. */
  hidden(key) {
    return this.enabled && !this.revealed.has(key);
  }

  guess(key) {
    return this.revealed.get(key) ?? null;
  }

  /** Shows the guess box in step 2 for `key` (or removes it once revealed). */
  render(container, key, { arm, armWords, question, unit }) {
    this.key = key;
    this.arm = arm;
    if (!this.hidden(key)) return container.replaceChildren();
    const box = el('input', { id: 'guess', type: 'number', class: 'number-box', step: 'any', inputmode: 'decimal' });
    const reveal = el('button', { id: 'reveal', type: 'button' }, 'Reveal the answer');
    const go = () => {
      const x = box.value.trim() === '' ? NaN : Number(box.value);
      this.revealed.set(this.key, { arm: this.arm, x });
      this.onReveal();
    };
    reveal.addEventListener('click', go);
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        go();
      }
    });
    container.replaceChildren(
      el('label', { for: 'guess' }, `Your guess: by how much did ${armWords} change ${question}?`),
      box,
      unit ? el('span', { class: 'unit' }, unit) : null,
      reveal,
    );
  }
}
