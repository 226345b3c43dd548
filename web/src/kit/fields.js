// A what-if field: the question as a control. A number box (type any value), a slider beside it, and
// preset buttons for the questions people ask ("−20%", "−10%", "+10%" of the baseline value, "Reset").
// Presets are relative to the field's baseline (the value the page started from, or the pinned one),
// so "−20%" twice stays at −20%. Every control has a visible or accessible label.
import { el } from '../dom.js';
import { num } from './format.js';

let uid = 0;

/**
 * @param {{id: string, label: string, value: number, min: number, max: number, step?: number,
 *          presets?: number[], unit?: string, format?: (x: number) => string, baseline?: number,
 *          onChange: (x: number, how: 'box'|'slider'|'preset') => void}} spec
 * @returns {{element: HTMLElement, get: () => number, set: (x: number) => void, setRange: (min, max) => void,
 *            setBaseline: (x: number) => void}}
 */
export function whatIfField(spec) {
  const { id, label, min, max, step = 'any', presets = [-0.2, -0.1, 0.1], unit = '', format = (x) => num(x), onChange } = spec;
  let current = spec.value;
  let baseline = spec.baseline ?? spec.value;
  const labelId = `${id}-label-${++uid}`;
  const box = el('input', { id, type: 'number', class: 'number-box', inputmode: 'decimal', min, max, step, value: String(current), 'aria-labelledby': labelId });
  const slider = el('input', { id: `${id}-slider`, type: 'range', class: 'slider', min, max, step, value: String(current), 'aria-labelledby': labelId });
  const readout = el('output', { class: 'field-readout', for: id, 'aria-live': 'off' });
  const clamp = (x) => Math.min(Number(slider.max), Math.max(Number(slider.min), x));
  const show = () => {
    box.value = String(Math.round(current * 1e6) / 1e6);
    slider.value = String(current);
    readout.textContent = `${format(current)}${unit ? ` ${unit}` : ''}`;
    for (const b of buttons) b.setAttribute('aria-pressed', String(Math.abs(current - target(Number(b.dataset.preset))) < 1e-9 * Math.max(1, Math.abs(current))));
  };
  const target = (p) => (p === 0 ? baseline : baseline * (1 + p));
  const commit = (x, how) => {
    if (!Number.isFinite(x)) return show();
    if (how === 'box' && x === current) return show(); // Enter, then the blur's change event: one commit
    current = how === 'box' ? Math.max(Number(box.min), Math.min(Number(box.max), x)) : clamp(x);
    show();
    onChange(current, how);
  };
  const presetLabel = (p) => (p === 0 ? 'Reset' : `${p > 0 ? '+' : '\u2212'}${Math.round(Math.abs(p) * 100)}%`);
  const buttons = [...presets, 0].map((p) =>
    el('button', { type: 'button', class: 'preset', dataset: { preset: String(p) }, title: p === 0 ? 'back to the baseline value' : `${presetLabel(p)} of the baseline value`, onclick: () => commit(target(p), 'preset') }, presetLabel(p)),
  );
  box.addEventListener('change', () => commit(Number(box.value), 'box'));
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      commit(Number(box.value), 'box');
    }
  });
  slider.addEventListener('input', () => commit(Number(slider.value), 'slider'));
  const element = el(
    'div',
    { class: 'what-if-field', dataset: { field: id } },
    el('span', { class: 'field-label', id: labelId }, label),
    el('div', { class: 'field-row' }, box, unit ? el('span', { class: 'unit' }, unit) : null, readout),
    slider,
    el('div', { class: 'presets', role: 'group', 'aria-label': `${label}: quick changes` }, buttons),
  );
  show();
  return {
    element,
    get: () => current,
    set(x) {
      current = x;
      show();
    },
    /** The slider's span; the number box keeps its own limits (a typed value may lie beyond the slider). */
    setRange(lo, hi) {
      slider.min = String(lo);
      slider.max = String(hi);
      show();
    },
    setBaseline(x) {
      baseline = x;
      show();
    },
  };
}
