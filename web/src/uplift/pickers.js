// Fills the column pickers (treatment, control, outcome, features) from the
// core's description of a table, keeping a preferred choice (from the URL or
// the dataset's defaults) when it fits.
import { el } from '../dom.js';
import { outcomeColumns } from '../kit/columns.js';

// Columns with at most this many distinct values can be a treatment. One value is listed too, so
// that the core can say why a single-arm column does not work.
const MAX_ARMS = 20;
const treatmentColumns = (description) => description.columns.filter((c) => (c.type === 'categorical' || (c.type === 'integer' && c.levels)) && (c.level_count ?? 0) >= 1 && c.level_count <= MAX_ARMS);

function setOptions(select, options, preferred) {
  select.replaceChildren(...options.map(({ value, label }) => el('option', { value }, label ?? value)));
  const values = options.map((o) => o.value);
  select.value = values.includes(preferred) ? preferred : (values[0] ?? '');
  return select.value;
}

/**
 * @param {{treatment, control, outcome, features: HTMLElement}} ui
 * @param {object} description from loadCsv / simulate
 * @param {{treatment?, control?, outcome?, features?: string[], exclude?: string[]}} preferred
 */
export function fillPickers(ui, description, preferred) {
  const treatment = setOptions(
    ui.treatment,
    treatmentColumns(description).map((c) => ({ value: c.name, label: `${c.name} (${c.level_count} ${c.level_count === 1 ? 'arm' : 'arms'})` })),
    preferred.treatment,
  );
  const outcome = setOptions(ui.outcome, outcomeColumns(description).map((c) => ({ value: c.name })), preferred.outcome);
  fillControl(ui.control, description, treatment, preferred.control);
  fillFeatures(ui.features, description, { treatment, outcome }, preferred);
  return readPickers(ui);
}

/** The control picker lists the treatment column's levels; '' lets the core guess (0/1-like columns). */
export function fillControl(select, description, treatment, preferred) {
  const levels = description.columns.find((c) => c.name === treatment)?.levels ?? [];
  return setOptions(select, [{ value: '', label: 'guess (core picks)' }, ...levels.map((value) => ({ value }))], preferred);
}

/** One checkbox per column other than the treatment and the outcome. */
export function fillFeatures(box, description, { treatment, outcome }, preferred) {
  const wanted = preferred.features ? new Set(preferred.features) : null;
  const exclude = new Set(preferred.exclude ?? []);
  const columns = description.columns.filter((c) => c.name !== treatment && c.name !== outcome);
  box.replaceChildren(
    ...columns.map((c) =>
      el('label', { class: 'check', title: c.type }, el('input', { type: 'checkbox', name: 'feature', value: c.name, checked: wanted ? wanted.has(c.name) : !exclude.has(c.name) }), ` ${c.name}`),
    ),
  );
}

export function readPickers(ui) {
  return {
    treatment: ui.treatment.value,
    control: ui.control.value,
    outcome: ui.outcome.value,
    features: [...ui.features.querySelectorAll('input[name="feature"]:checked')].map((i) => i.value),
  };
}

/** Names the preferred columns the table lacks (for a message when a shared link does not fit). */
export function missingColumns(description, preferred) {
  const names = new Set(description.columns.map((c) => c.name));
  return ['treatment', 'outcome'].filter((key) => preferred[key] && !names.has(preferred[key])).map((key) => `${key} '${preferred[key]}'`);
}
