// Plain words for a result: what an arm, the control group and an outcome are called in a sentence.
// The bundled data has hand-written names (datasets.js); a user's CSV uses its own names, quoted.
import { HILLSTROM } from './datasets.js';

const known = (dataset) => (dataset === HILLSTROM.id ? HILLSTROM : null);

export const capitalise = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);

/**
 * @param {object} result the core's abtest result
 * @param {string} dataset 'hillstrom' | 'local'
 */
export function wordsFor(result, dataset) {
  const d = known(dataset);
  const arm = (name) => d?.arms[name] ?? `group “${name}”`;
  const column = (name) => d?.columns[name] ?? { label: name, what: `“${name}”`, short: `“${name}”` };
  const outcome = column(result.outcome);
  const binary = result.outcome_kind === 'binary';
  // 'share': a yes/no outcome (rates in %, differences in percentage points); 'money' or 'number' otherwise.
  const kind = binary ? 'share' : outcome.kind === 'money' ? 'money' : 'number';
  const controlName = arm(result.control);
  // The bundled test randomised only its e-mail column; other columns (zip code, channel) describe customers.
  const randomised = !d || result.arm === HILLSTROM.defaults.arm;
  const emails = Boolean(d) && randomised;
  return {
    unit: d?.unit ?? 'rows',
    arm,
    column,
    outcome,
    kind,
    // "with no e-mail" reads better than "with the no e-mail"; a user's control is "the “A” group".
    withControl: d && result.control === 'No E-Mail' ? 'with no e-mail' : `in ${controlName}`,
    control: controlName,
    isHoldout: Boolean(d && result.control === 'No E-Mail'),
    // What the groups got: "the e-mail(s)" in the bundled test, "the treatment(s)" in a user's file.
    treatment: emails ? 'the e-mail' : 'the treatment',
    // The hypothesis of "no effect", in words.
    noEffect: emails ? 'if the e-mails did nothing' : randomised ? 'if the treatments did nothing' : 'if the groups did not differ',
    randomised,
    withArm: (name) => `${emails ? 'with' : 'in'} ${arm(name)}`,
  };
}
