// The answer sentence: for every arm, what it changed against the control group, by how much (with
// its interval) and how often chance alone would give that much. Built from the result only.
import { isNum, pct, pValue } from '../kit/format.js';
import { value } from '../kit/story.js';
import { capitalise } from './words.js';
import { chanceWords, excludesZero, measure, withInterval } from './numbers.js';

const meanOf = (result, name) => result.arms.find((a) => a.name === name)?.mean;

/** "the share of customers who visited the website" / "the average spend per customer". */
export function outcomePhrase(w) {
  if (w.kind === 'share') return `the share of ${w.unit} who ${w.outcome.what}`;
  return `the average ${w.outcome.what}`;
}

/**
 * One arm's sentence, as parts for setAnswer (value() spans carry the exact numbers). The first arm
 * says the whole thing; later ones say "it" and leave out what the first already said.
 */
function armSentence(result, c, w, m, later) {
  const before = meanOf(result, c.vs);
  const after = meanOf(result, c.arm);
  const sure = excludesZero(c.ci);
  const verb = !sure ? 'changed' : c.diff > 0 ? 'raised' : 'lowered';
  const parts = [
    `${capitalise(w.arm(c.arm))} ${verb} `,
    later ? 'it' : [outcomePhrase(w), ' from ', value(before, m.level(before), { dataset: { arm: c.vs, kind: 'mean' } })],
    ' to ',
    value(after, m.level(after), { dataset: { arm: c.arm, kind: 'mean' } }),
    ': ',
    value(c.diff, withInterval(m, c.diff, c.ci, w.kind === 'share' && !later), { dataset: { arm: c.arm, kind: 'diff' } }),
  ].flat();
  if (isNum(c.relative_lift) && sure) {
    const more = c.relative_lift >= 0 ? 'more' : 'less';
    parts.push(', ', value(c.relative_lift, pct(Math.abs(c.relative_lift), { digits: 2 }), { dataset: { arm: c.arm, kind: 'lift' } }), later ? ` ${more}` : ` ${more} than ${w.withControl}`);
  }
  parts.push(sure ? '. ' : '; the interval includes no change at all. ');
  return parts;
}

/** The chance sentence: one for all arms when they agree, else one clause per arm. */
function chanceSentence(result, w) {
  const comparisons = result.comparisons.filter((c) => isNum(c.diff));
  const p = (c) => value(c.p_value, pValue(c.p_value) === '< 0.001' ? 'p < 0.001' : `p = ${pValue(c.p_value)}`, { dataset: { arm: c.arm, kind: 'p' } });
  const words = comparisons.map((c) => chanceWords(c.p_value));
  if (comparisons.length === 1) return [`A difference this large ${words[0]} (`, p(comparisons[0]), ').'];
  if (words.every((x) => x === words[0])) {
    // One p-value text for all ("p < 0.001") is said once, with its exact values kept in the spans.
    const texts = comparisons.map((c) => pValue(c.p_value));
    const same = texts.every((t) => t === texts[0]);
    const ps = same ? [p(comparisons[0]), ' for each'] : comparisons.flatMap((c, i) => [i ? ', ' : '', p(c)]);
    return [`Differences this large ${words[0]} ${w.noEffect} (`, ...ps, ').'];
  }
  return comparisons.flatMap((c, i) => [
    i ? '; for ' : 'For ',
    w.arm(c.arm),
    i ? ` one ${words[i]} (` : ` a difference this large ${words[i]} (`,
    p(c),
    ')',
    i === comparisons.length - 1 ? '.' : '',
  ]);
}

/** The full answer. */
export function answerParts(result, w) {
  const m = measure(w.kind);
  const comparisons = result.comparisons.filter((c) => isNum(c.diff));
  if (comparisons.length === 0) return [`No group could be compared with ${w.control}: every difference is undefined for these data (see Details).`];
  return [...comparisons.flatMap((c, i) => armSentence(result, c, w, m, i > 0)), ...chanceSentence(result, w)];
}

/** Workshop mode, before the reveal: only the control group's level, and the question. */
export function teaserParts(result, w, first) {
  const m = measure(w.kind);
  const before = meanOf(result, result.control);
  const level = value(before, m.level(before), { dataset: { arm: result.control, kind: 'mean' } });
  const known = w.kind === 'share' ? [level, ` of ${w.unit} ${w.outcome.what}`] : [`${outcomePhrase(w)} was `, level];
  return [`${capitalise(w.withControl)}, `, ...known, `. How much did ${w.arm(first.arm)} change that? Guess in step 2, then reveal the answer.`];
}
