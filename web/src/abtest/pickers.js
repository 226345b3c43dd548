// Fills the column pickers from the core's description of a table, keeping a
// preferred choice (from the URL or the dataset's defaults) when it fits.
import { el } from '../dom.js';
import { outcomeColumns } from '../kit/columns.js';

// An integer column with more distinct values than this is a measure, not an arm.
const MAX_ARMS = 20;

export const armColumns = (description) =>
  description.columns.filter(
    (c) => (c.type === 'categorical' || (c.type === 'integer' && c.levels)) && (c.level_count ?? 0) >= 2 && c.level_count <= MAX_ARMS,
  );


function setOptions(select, options, preferred) {
  select.replaceChildren(...options.map(({ value, label }) => el('option', { value }, label ?? value)));
  const values = options.map((o) => o.value);
  select.value = values.includes(preferred) ? preferred : (values[0] ?? '');
  return select.value;
}

/**
 * @param {{arm, control, outcome, covariate}} selects the <select> elements
 * @param {object} description from loadCsv
 * @param {{arm?, control?, outcome?, covariate?}} preferred
 * @returns {{arm, control, outcome, covariate}} what ended up selected
 */
export function fillPickers(selects, description, preferred) {
  const arms = armColumns(description);
  const arm = setOptions(
    selects.arm,
    arms.map((c) => ({ value: c.name, label: `${c.name} (${c.level_count} arms)` })),
    preferred.arm,
  );
  const outcomes = outcomeColumns(description).filter((c) => c.name !== arm);
  const outcome = setOptions(selects.outcome, outcomes.map((c) => ({ value: c.name })), preferred.outcome);
  const covariate = setOptions(
    selects.covariate,
    [{ value: '', label: 'none' }, ...outcomes.filter((c) => c.name !== outcome).map((c) => ({ value: c.name }))],
    preferred.covariate,
  );
  const control = fillControl(selects.control, description, arm, preferred.control);
  return { arm, control, outcome, covariate };
}

/** The control picker lists the arm column's levels; '' lets the core guess. */
export function fillControl(select, description, arm, preferred) {
  const column = description.columns.find((c) => c.name === arm);
  const levels = column?.levels ?? [];
  return setOptions(select, [{ value: '', label: 'guess (core picks)' }, ...levels.map((value) => ({ value }))], preferred);
}

/** Names the preferred columns the table lacks (for a message when a shared link does not fit). */
export function missingColumns(description, preferred) {
  const names = new Set(description.columns.map((c) => c.name));
  return ['arm', 'outcome', 'covariate']
    .filter((key) => preferred[key] && !names.has(preferred[key]))
    .map((key) => `${key} '${preferred[key]}'`);
}
