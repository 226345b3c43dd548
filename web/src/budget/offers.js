// The offers the plan chooses from, as the core's spec, and their editor. In the simulated travel world
// the columns are fixed (p5, p10, … for the 5%, 10%, … discounts) but the costs and the value of a
// booking are editable, like in a user's CSV, where every field is. A bad field becomes an error that
// names it, before anything runs.
import { el } from '../dom.js';

export const DEFAULT_ROWS = 20000;

/** The travel world's suggested spec: a booking is worth a margin of 40; a k×5% discount costs 15k per booking. */
export function travelSpec(levels) {
  const offers = [];
  for (let j = 1; j <= levels; j++) offers.push({ name: `${5 * j}%`, column: `p${5 * j}`, cost_per_conversion: 15 * j, cost_per_offer: 0 });
  return { base: 'p0', value_per_conversion: 40, offers };
}

/** `levels` discounts, keeping the costs already edited for the columns that stay. */
export function travelSpecKeeping(levels, edited) {
  const spec = travelSpec(levels);
  if (!edited) return spec;
  const byColumn = new Map((edited.offers ?? []).map((o) => [o.column, o]));
  spec.offers = spec.offers.map((o) => ({ ...o, ...pick(byColumn.get(o.column)) }));
  if (edited.value_per_conversion != null) spec.value_per_conversion = edited.value_per_conversion;
  return spec;
}
const pick = (o) => (o ? { cost_per_conversion: o.cost_per_conversion, cost_per_offer: o.cost_per_offer ?? 0 } : {});

/** Whether `spec` is the travel world's default for its number of offers (then the URL need not carry it). */
export const isDefaultTravel = (spec) => JSON.stringify(spec) === JSON.stringify(travelSpec(spec.offers.length));

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

function offerRow(offer, onChange, simulated) {
  const input = (cls, value, label, mode) =>
    el('input', { class: `text ${cls}`, value: value ?? '', 'aria-label': label, inputmode: mode, list: cls === 'column' ? 'columns' : null, readonly: simulated && (cls === 'name' || cls === 'column'), onchange: onChange });
  const name = offer.name || 'offer';
  const row = el(
    'tr',
    { dataset: { offer: offer.name } },
    el('td', {}, simulated ? el('span', { class: 'offer-name' }, offer.name, el('input', { type: 'hidden', class: 'name', value: offer.name })) : input('name', offer.name, 'Offer name')),
    el('td', { class: 'csv-only' }, input('column', offer.column, `${name}: probability column`)),
    el('td', {}, input('cpc', offer.cost_per_conversion, `${name}: cost per booking`, 'decimal')),
    el('td', {}, input('cpo', offer.cost_per_offer ?? 0, `${name}: cost per offer`, 'decimal')),
    el('td', { class: 'csv-only' }, el('button', { type: 'button', class: 'secondary small remove', title: 'Remove this offer', 'aria-label': `Remove ${name}` }, '×')),
  );
  row.querySelector('.remove').addEventListener('click', () => {
    row.remove();
    onChange();
  });
  return row;
}

/** Fills the editor with `spec`; `onChange` runs after any edit. `simulated`: only costs and value editable. */
export function fillEditor(spec, onChange, { simulated = false } = {}) {
  $('offers-editor').dataset.world = simulated ? 'sim' : 'local';
  $('base').value = spec.base ?? '';
  $('value').value = spec.value_per_conversion ?? '';
  $('segment').value = spec.segment ?? '';
  $('offers-rows').replaceChildren(...spec.offers.map((o) => offerRow(o, onChange, simulated)));
}

export function wireEditor(onChange) {
  for (const id of ['base', 'value', 'segment']) $(id).addEventListener('change', onChange);
  $('add-offer').addEventListener('click', () => {
    const n = $('offers-rows').children.length + 1;
    $('offers-rows').append(offerRow({ name: `offer ${n}`, column: '', cost_per_conversion: 0, cost_per_offer: 0 }, onChange, false));
  });
}

/** The editor as {spec, segment}: spec is the core's offers spec. */
export function readEditor() {
  const base = $('base').value.trim();
  if (!base) throw new FieldError('No-offer probability column: name the column of probabilities without an offer.');
  const valueText = $('value').value.trim();
  const spec = { base, offers: [] };
  if (valueText !== '') spec.value_per_conversion = number(valueText, 'Value per booking');
  const rows = [...$('offers-rows').children];
  if (rows.length === 0) throw new FieldError('Offers: add at least one offer.');
  rows.forEach((row, i) => {
    const get = (cls) => row.querySelector(`.${cls}`).value;
    const name = get('name').trim() || `offer ${i + 1}`;
    const column = get('column').trim();
    if (!column) throw new FieldError(`Offer '${name}': name its probability column.`);
    spec.offers.push({ name, column, cost_per_conversion: number(get('cpc'), `Offer '${name}', cost per booking`), cost_per_offer: number(get('cpo'), `Offer '${name}', cost per offer`) });
  });
  return { spec, segment: $('segment').value.trim() };
}

/** Column names for the editor's suggestions. */
export function setColumns(description) {
  $('columns').replaceChildren(...(description?.columns ?? []).filter((c) => c.type !== 'categorical').map((c) => el('option', { value: c.name })));
}
