// The parts every page's story is made of (see docs/page-pattern.md): the answer sentence with live
// numbers, cards that say what a number means and how it moved against a baseline, numbered steps, and
// the "Details" drawers that hold the analyst's tables. Text always enters as text nodes (dom.js).
import { el } from '../dom.js';
import { change, isNum, num } from './format.js';

/**
 * A number inside a sentence or card: the rounded text, the full value in data-value (tests and
 * exports read it) and in the tooltip.
 */
export function value(x, text, attrs = {}) {
  return el('span', { class: 'value', 'data-value': isNum(x) ? String(x) : '', title: isNum(x) ? `exact: ${x}` : null, ...attrs }, text);
}

/**
 * Writes the page's answer: `parts` mixes strings and value() spans. The element keeps a plain-text copy
 * in data-text (what "Copy the answer" copies).
 */
export function setAnswer(target, parts) {
  target.replaceChildren(...parts.flat(Infinity).filter((p) => p != null && p !== false));
  target.dataset.text = target.textContent.replace(/\s+/g, ' ').trim();
  // How many times, and when, it changed: the browser tests and bench/page_bars.mjs time what-ifs by it.
  target.dataset.updates = String(Number(target.dataset.updates ?? 0) + 1);
  target.dataset.updatedAt = String(performance.now());
}

/**
 * A card: a title, a big rounded number, what it means, and its change against the pinned baseline.
 * @param {{kind: string, title: string, x: number, text: string, note?: string|Node, baseline?: number,
 *          f?: Function, unit?: string, good?: 'up'|'down'}} c
 */
export function card({ kind, title, x, text, note, baseline, f = num, unit = '', good = 'up' }) {
  const moved = isNum(baseline) && isNum(x) && Math.abs(x - baseline) > 1e-12 * Math.max(1, Math.abs(baseline));
  const direction = !moved ? 'same' : (x > baseline) === (good === 'up') ? 'better' : 'worse';
  return el(
    'section',
    { class: 'card-result', dataset: { kind, direction } },
    el('h3', {}, title),
    el('p', { class: 'big' }, value(x, text)),
    moved ? el('p', { class: 'delta' }, `${change(x, baseline, { f, unit })} vs the baseline`) : isNum(baseline) ? el('p', { class: 'delta muted' }, 'same as the baseline') : null,
    note ? el('p', { class: 'note' }, note) : null,
  );
}

/** A "Details" drawer (collapsed), for tables, definitions and formulas. */
export function details(summary, ...children) {
  return el('details', { class: 'details' }, el('summary', {}, summary), el('div', { class: 'details-body' }, ...children));
}

/**
 * Fills a numbered step: its one-sentence reading and its chart. Steps are <li class="step"> in an
 * <ol class="steps"> written in the page's HTML (so the order and the headings are the page's own).
 */
export function setStep(step, reading, chart) {
  const li = typeof step === 'string' ? document.getElementById(step) : step;
  const r = li.querySelector('.reading');
  if (reading != null) setAnswer(r, Array.isArray(reading) ? reading : [reading]);
  if (chart !== undefined) li.querySelector('.step-chart').replaceChildren(...(chart ? [chart] : []));
}

/** A warning sentence with its one-click fix ("Plan to the 95% quantile"). */
export function warning(text, fix) {
  return el('div', { class: 'warning', role: 'note' }, el('p', {}, el('strong', {}, 'Note: '), text),
    fix ? el('button', { type: 'button', class: 'secondary small', onclick: fix.onClick, dataset: { fix: fix.id ?? '' } }, fix.label) : null);
}
