// The offers spec the core plans with: for the simulated travel world the
// suggested one (margin 40 per booking; a k×5 % discount on a 300 booking
// costs 15k per booking), for the user's CSV the editor's rows. Turns the
// editor's fields into the core's spec, or an error naming the field.
import { el } from '../dom.js';

export const DEFAULT_ROWS = 20000;

/** The travel world's spec with `levels` discounts 5 %, 10 %, … */
export function travelSpec(levels) {
  const offers = [];
  for (let j = 1; j <= levels; j++) offers.push({ name: `${5 * j}%`, column: `p${5 * j}`, cost_per_conversion: 15 * j, cost_per_offer: 0 });
  return { base: 'p0', value_per_conversion: 40, offers };
}

class FieldError extends Error {
  constructor(message) {
    super(message);
    this.code = 'config';
  }
}

function number(text, label) {
  const t = String(text ?? '').trim();
  const x = Number(t);
  if (t === '' || !Number.isFinite(x)) throw new FieldError(`${label}: '${t}' is not a number.`);
  if (x < 0) throw new FieldError(`${label}: must be 0 or more, got ${t}.`);
  return x;
}

const $ = (id) => document.getElementById(id);

function offerRow(offer, onChange) {
  const input = (cls, value, label, mode) => el('input', { class: `text ${cls}`, value: value ?? '', 'aria-label': label, inputmode: mode, list: cls === 'column' ? 'columns' : null, onchange: onChange });
  const row = el(
    'tr',
    {},
    el('td', {}, input('name', offer.name, 'Offer name')),
    el('td', {}, input('column', offer.column, 'Probability column')),
    el('td', {}, input('cpc', offer.cost_per_conversion, 'Cost per conversion', 'decimal')),
    el('td', {}, input('cpo', offer.cost_per_offer ?? 0, 'Cost per offer', 'decimal')),
    el('td', {}, el('button', { type: 'button', class: 'secondary small remove', title: 'Remove this offer', 'aria-label': 'Remove this offer' }, '×')),
  );
  row.querySelector('.remove').addEventListener('click', () => {
    row.remove();
    onChange();
  });
  return row;
}

/** Fills the editor with `spec`; `onChange` runs after any edit. */
export function fillEditor(spec, onChange) {
  $('base').value = spec.base ?? '';
  $('value').value = spec.value_per_conversion ?? '';
  $('segment').value = spec.segment ?? '';
  $('offers-rows').replaceChildren(...spec.offers.map((o) => offerRow(o, onChange)));
}

export function wireEditor(onChange) {
  for (const id of ['base', 'value', 'segment']) $(id).addEventListener('change', onChange);
  $('add-offer').addEventListener('click', () => {
    const n = $('offers-rows').children.length + 1;
    $('offers-rows').append(offerRow({ name: `offer ${n}`, column: '', cost_per_conversion: 0, cost_per_offer: 0 }, onChange));
  });
}

/** The editor as {spec, segment}: spec is the core's offers spec. */
export function readEditor() {
  const base = $('base').value.trim();
  if (!base) throw new FieldError('No-offer probability column: name the column of probabilities without an offer.');
  const valueText = $('value').value.trim();
  const spec = { base, offers: [] };
  if (valueText !== '') spec.value_per_conversion = number(valueText, 'Value per conversion');
  const rows = [...$('offers-rows').children];
  if (rows.length === 0) throw new FieldError('Offers: add at least one offer.');
  rows.forEach((row, i) => {
    const get = (cls) => row.querySelector(`.${cls}`).value;
    const name = get('name').trim() || `offer ${i + 1}`;
    const column = get('column').trim();
    if (!column) throw new FieldError(`Offer '${name}': name its probability column.`);
    spec.offers.push({ name, column, cost_per_conversion: number(get('cpc'), `Offer '${name}', cost per conversion`), cost_per_offer: number(get('cpo'), `Offer '${name}', cost per offer`) });
  });
  return { spec, segment: $('segment').value.trim() };
}

/** Column names for the editor's suggestions. */
export function setColumns(description) {
  $('columns').replaceChildren(...(description?.columns ?? []).filter((c) => c.type !== 'categorical').map((c) => el('option', { value: c.name })));
}
