// The four numbered steps: why the control group measures the effect (the balance check), the rates
// side by side, how sure we are (interval and p-value in plain words), and CUPED. Each gets its one
// sentence and its chart from the result; nothing here runs the engine.
import { isNum, pct, pValue } from '../kit/format.js';
import { setStep, value, warning } from '../kit/story.js';
import { el } from '../dom.js';
import { COLORS } from '../kit/plot.js';
import { intervalChart, label } from './charts.js';
import { measure, withInterval } from './numbers.js';
import { outcomePhrase } from './answer.js';
import { capitalise } from './words.js';

const $ = (id) => document.getElementById(id);
const confidenceOf = (result) => Math.round(result.confidence * 100);
const first = (result) => result.comparisons.find((c) => isNum(c.diff));
const list = (items) => items.flatMap((x, i) => [i === 0 ? '' : i === items.length - 1 ? ' and ' : ', ', x].filter((p) => p !== ''));
const p = (x) => (pValue(x) === '< 0.001' ? 'p < 0.001' : `p = ${pValue(x)}`);

/** Step 1: randomisation, shown by the groups' average of a column measured before the test. */
export function balanceStep(result, balance, w, covariate) {
  const step = $('step-1');
  const split = w.randomised
    ? `Who got which ${w.unit === 'customers' ? 'e-mail' : 'treatment'} was decided at random, like a coin flip`
    : `Careful: “${result.arm}” was not decided at random, so the groups may differ in many ways, and a coin-flip test is what makes a difference an effect`;
  const why = [
    ` So ${w.control}${w.isHoldout ? ' (the holdout)' : ''} shows what the others would have done without ${w.isHoldout ? 'an e-mail' : 'their treatment'}, and a later difference is its effect.`,
  ];
  if (!balance) {
    // With a column chosen, its check follows the answer (or was cancelled: Run makes it again).
    const check = covariate ? ` Checking the groups on ${w.column(covariate).what} (press Run if this stays)…` : ' Pick a column measured before the test under Settings to check it.';
    setStep(step, w.randomised ? [`${split}, so the groups should look alike before the test.`, ...why, check] : [`${split}.`, check], null);
    return;
  }
  const c = w.column(balance.outcome);
  const m = measure(c.kind === 'money' ? 'money' : 'number');
  const levels = balance.arms.map((a) => [value(a.mean, m.level(a.mean), { dataset: { arm: a.name, kind: 'balance-mean' } }), ` (${w.arm(a.name)})`]);
  const ps = balance.comparisons.filter((x) => isNum(x.p_value));
  const unusual = ps.filter((x) => x.p_value < 0.05);
  const reading = [
    w.randomised ? `${split}, so before the test the groups were alike. Their average ${c.what}: ` : `${split}. Their average ${c.what}: `,
    ...list(levels),
    '. ',
    ps.length && !unusual.length ? [`Gaps this small (`, ...list(ps.map((x) => value(x.p_value, p(x.p_value)))), ') are what chance alone gives.'] : '',
    ...(w.randomised ? why : []),
  ];
  const rows = balance.arms.filter((a) => isNum(a.mean)).map((a) => ({ label: label(w, a.name), est: a.mean, lo: a.ci?.[0], hi: a.ci?.[1], text: m.level(a.mean) }));
  const chart = intervalChart({
    rows,
    xLabel: `Average ${c.what}${c.kind === 'money' ? ' ($)' : ''}`,
    tick: m.tick,
    container: step.querySelector('.step-chart'),
    alt: `Average ${c.what} in each group before the test, with its ${confidenceOf(balance)}% interval: the intervals overlap${unusual.length ? ' only partly' : ''}.`,
  });
  setStep(step, reading, chart);
  if (unusual.length) {
    step.querySelector('.step-chart').append(warning(`${list(unusual.map((x) => w.arm(x.arm))).join('')} differed from ${w.control} before the test more than chance usually makes (${unusual.map((x) => p(x.p_value)).join(', ')}). Check how the groups were split.`));
  }
}

/** Step 2: each group's level side by side (the guess comes before it in workshop mode). */
export function ratesStep(result, w, { hidden = false, guess = null } = {}) {
  const step = $('step-2');
  const m = measure(w.kind);
  const rows = result.arms
    .filter((a) => isNum(a.mean))
    .map((a) => ({ name: a.name, label: label(w, a.name), est: a.mean * m.scale, lo: isNum(a.ci?.[0]) ? a.ci[0] * m.scale : undefined, hi: isNum(a.ci?.[1]) ? a.ci[1] * m.scale : undefined, text: m.level(a.mean) }));
  const control = rows.find((r) => r.name === result.control);
  const others = rows.filter((r) => r !== control);
  const what = w.kind === 'share' ? `${w.unit} who ${w.outcome.what}` : outcomePhrase(w);
  const reading = hidden
    ? [capitalise(w.withControl), ', ', w.kind === 'share' ? '' : `${what} was `, control ? value(control.est / m.scale, control.text) : 'n/a', w.kind === 'share' ? ` of ${w.unit} ${w.outcome.what}.` : '.', ` What about the groups that got ${w.treatment.replace(/^the /, 'an ').replace(/^an t/, 'a t')}? Guess first.`]
    : [
        capitalise(w.withControl),
        ', ',
        w.kind === 'share' ? '' : `${what} was `,
        control ? value(control.est / m.scale, control.text, { dataset: { arm: control.name, kind: 'mean' } }) : 'n/a',
        w.kind === 'share' ? ` of ${w.unit} ${w.outcome.what}` : '',
        ...others.flatMap((r) => ['; ', w.withArm(r.name), ' ', value(r.est / m.scale, r.text, { dataset: { arm: r.name, kind: 'mean' } })]),
        '. Each line is the range a group’s own figure could be in.',
        guess ? guessVerdict(result, w, guess) : '',
      ];
  const xLabel = w.kind === 'share' ? `Share of ${what} (%)` : capitalise(outcomePhrase(w)) + (m.axisUnit ? ` (${m.axisUnit})` : '');
  const guesses = guess && isNum(guess.x) && control ? rows.filter((r) => r.name === guess.arm).map((r) => ({ label: r.label, x: control.est + guess.x })) : [];
  const chart = intervalChart({
    rows,
    xLabel,
    tick: (x) => (w.kind === 'share' ? `${x}%` : m.tick(x)),
    container: step.querySelector('.step-chart'),
    bars: true,
    hidden: hidden ? others.map((r) => r.label) : [],
    guesses,
    alt: hidden
      ? `${what} in each group; only ${w.control} is shown until you reveal the answer.`
      : `${capitalise(what)} in each group: ${rows.map((r) => `${r.label} ${r.text}`).join(', ')}.`,
  });
  setStep(step, reading, chart);
}

/** "You guessed +5.0 pp; the estimate is +7.7 pp (7.0 to 8.3): your guess is 2.7 pp too low." */
export function guessVerdict(result, w, guess) {
  const m = measure(w.kind);
  const c = result.comparisons.find((x) => x.arm === guess.arm);
  if (!c) return '';
  if (!isNum(guess.x)) return [' You revealed without a guess: the estimate for ', w.arm(c.arm), ' is ', withInterval(m, c.diff, c.ci), '.'];
  const g = guess.x / m.scale;
  const inside = isNum(c.ci?.[0]) && g >= c.ci[0] && g <= c.ci[1];
  const gap = g - c.diff;
  const verdict = inside ? 'inside the interval, well done' : `${m.diff(Math.abs(gap)).replace(/^\+/, '')} too ${gap < 0 ? 'low' : 'high'}`;
  return [' You guessed ', value(g, m.diff(g), { dataset: { kind: 'guess' } }), ' for ', w.arm(c.arm), '; the estimate is ', withInterval(m, c.diff, c.ci), `: your guess is ${verdict}.`];
}

/** Step 3: the interval and the p-value in plain words, with each arm's relative lift. */
export function sureStep(result, w, { hidden = false } = {}) {
  const step = $('step-3');
  if (hidden) return setStep(step, 'Reveal the answer in step 2 first.', null);
  const m = measure(w.kind);
  const c = first(result);
  if (!c) return setStep(step, 'No group has a difference to judge.', null);
  const k = confidenceOf(result);
  const lift = isNum(c.relative_lift) && Array.isArray(c.relative_lift_ci) && isNum(c.relative_lift_ci[0])
    ? [', or ', value(c.relative_lift_ci[0], pct(c.relative_lift_ci[0], { digits: 2, signed: true })), ' to ', value(c.relative_lift_ci[1], pct(c.relative_lift_ci[1], { digits: 2, signed: true })), ` relative to ${w.control}`]
    : [];
  const reading = [
    `The line around each estimate is its ${k}% interval: the range of effects that fit the data (run the test many times and ${k} in 100 such ranges hold the true effect). For ${w.arm(c.arm)} it runs from `,
    value(c.ci?.[0], m.diff(c.ci?.[0])),
    ' to ',
    value(c.ci?.[1], m.diff(c.ci?.[1])),
    ...lift,
    `. The p-value is how often chance alone, if ${w.treatment} changed nothing, would give a difference at least this large: `,
    value(c.p_value, p(c.p_value), { dataset: { arm: c.arm, kind: 'p' } }),
    '.',
  ];
  const rows = result.comparisons
    .filter((x) => isNum(x.relative_lift))
    .map((x) => ({ label: label(w, x.arm), est: x.relative_lift * 100, lo: isNum(x.relative_lift_ci?.[0]) ? x.relative_lift_ci[0] * 100 : undefined, hi: isNum(x.relative_lift_ci?.[1]) ? x.relative_lift_ci[1] * 100 : undefined, text: pct(x.relative_lift, { digits: 2, signed: true }) }));
  const chart = rows.length
    ? intervalChart({
        rows,
        xLabel: `Change relative to ${w.control} (%)`,
        tick: (x) => `${x}%`,
        container: step.querySelector('.step-chart'),
        alt: `Each group's change relative to ${w.control}, with its ${k}% interval: ${rows.map((r) => `${r.label} ${r.text}`).join(', ')}.`,
      })
    : null;
  setStep(step, reading, chart);
}

/** Step 4: CUPED in plain words: how much the column measured before the test narrows the interval. */
export function cupedStep(result, w, { hidden = false } = {}) {
  const step = $('step-4');
  if (hidden) return setStep(step, 'Reveal the answer in step 2 first.', null);
  const cuped = result.cuped;
  if (!cuped) {
    return setStep(step, 'Pick a column measured before the test (for example past spend) under Settings: using what we knew before the test can narrow the interval.', null);
  }
  const m = measure(w.kind);
  const before = w.column(cuped.covariate).what;
  const short = w.column(cuped.covariate).short;
  const vr = cuped.variance_reduction;
  // The interval's width scales with the standard error, the square root of the variance.
  const narrower = isNum(vr) && vr < 1 ? 1 - Math.sqrt(1 - vr) : null;
  const adjusted = new Map(cuped.comparisons.map((c) => [c.arm, c]));
  const c = first(result);
  const a = c && adjusted.get(c.arm);
  const reading = [
    `Using what we knew before the test (${before}) ${isNum(narrower) && narrower < 0 ? 'widens' : 'narrows'} the interval by `,
    value(narrower, isNum(narrower) ? pct(Math.abs(narrower), { digits: 2 }) : 'n/a', { dataset: { kind: 'narrower' } }),
    `. CUPED, a standard adjustment, takes out of each ${w.unit === 'customers' ? "customer's" : "row's"} outcome the part that ${short} predicts: the effect stays the same, the noise shrinks. `,
    isNum(narrower) && narrower < 0.05
      ? `Here ${short} says little about ${w.outcome.short}, so the gain is small.`
      : a
        ? [`For ${w.arm(c.arm)}: `, value(a.diff, withInterval(m, a.diff, a.ci)), ' instead of ', withInterval(m, c.diff, c.ci), '.']
        : '',
  ];
  const rows = result.comparisons.filter((x) => isNum(x.diff)).flatMap((x) => {
    const y = adjusted.get(x.arm);
    const row = (d, ci, group) => ({ label: `${label(w, x.arm)}${group === 'CUPED' ? ', CUPED' : ''}`, est: d * m.scale, lo: isNum(ci?.[0]) ? ci[0] * m.scale : undefined, hi: isNum(ci?.[1]) ? ci[1] * m.scale : undefined, text: m.diff(d), group });
    return [row(x.diff, x.ci, 'raw'), y && isNum(y.diff) ? row(y.diff, y.ci, 'CUPED') : null].filter(Boolean);
  });
  const chart = intervalChart({
    rows,
    xLabel: `Difference from ${w.control}${m.axisUnit ? ` (${m.axisUnit})` : ''}`,
    tick: m.tick,
    container: step.querySelector('.step-chart'),
    colors: { raw: COLORS.ours, CUPED: COLORS.other },
    alt: `Each group's difference from ${w.control}, without and with CUPED, with ${confidenceOf(result)}% intervals of nearly the same width${isNum(narrower) ? ` (CUPED's is ${pct(Math.abs(narrower), { digits: 2 })} ${narrower < 0 ? 'wider' : 'narrower'})` : ''}.`,
  });
  setStep(step, reading, chart);
  step.querySelector('.step-chart').append(el('p', { class: 'chart-key muted' }, el('span', { class: 'key raw' }, 'without CUPED'), ' · ', el('span', { class: 'key cuped' }, 'with CUPED')));
}
