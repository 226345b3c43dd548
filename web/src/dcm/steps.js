// The four numbered steps: what the model learns (the causal graph), switching the channel off (the
// weekly gap), the naive users-vs-non-users comparison and why it is wrong, and guess-then-reveal on the
// simulated world. Each is one chart and one or two sentences with live numbers.
import { isNum, num, pct } from '../kit/format.js';
import { setStep, value } from '../kit/story.js';
import { COLORS, widthOf } from '../kit/plot.js';
import { el } from '../dom.js';
import { estimatesChart, gapChart, graphChart } from './chart.js';
import { CURRENCY, nameOf, NOUN, sourceKind, spend } from './names.js';
import { weeksText } from './answer.js';

const $ = (id) => document.getElementById(id);
const stepWidth = (id) => widthOf($(id).querySelector('.step-chart'), { min: 280, max: 620, fallback: 460 });
const money = (x, kind) => value(x, spend(x), kind ? { 'data-kind': kind } : {});

/** Step 1: the causal graph, and one coefficient read in plain words. */
export function showLearns(model, shocked) {
  const config = model.config;
  const outcome = config.outcome;
  const last = Math.max(...model.equations.map((e) => e.period ?? 0));
  const eq = model.equations.find((e) => e.target === outcome && (e.period ?? 0) === last);
  const channel = shocked[0];
  const coefOf = (name) => {
    const j = eq?.regressors.indexOf(name) ?? -1;
    return j >= 0 ? eq.coef[j] : null;
  };
  const same = coefOf(`same:${channel}`);
  const lag = coefOf(`lag1:${channel}`);
  const name = nameOf(channel);
  const reading = [
    `Each week (t), the model predicts every action and ${nameOf(outcome).toLowerCase()} from last week's (t−1, grey arrows)${config.same_period ? ' and from this week’s channel use (red dashed arrows)' : ''}, plus what was known about each customer before. `,
  ];
  if (isNum(same) || isNum(lag)) {
    reading.push(`In the fitted equations, one more use of ${name} `);
    if (isNum(same)) reading.push('goes with ', money(same, 'coef-same'), ` of ${nameOf(outcome).toLowerCase()} the same week`);
    if (isNum(same) && isNum(lag)) reading.push(' and ');
    if (isNum(lag)) reading.push(money(lag, 'coef-lag'), ' the next week');
    reading.push(', before any knock-on effects.');
  }
  const w = stepWidth('step-1');
  setStep('step-1', reading, graphChart(model, { width: w, alt: `The causal graph over three weeks: arrows from last week's actions to this week's${config.same_period ? ', and dashed arrows from this week’s channel use to this week’s purchases' : ''}. Orange dots are the ${NOUN[sourceKind()]}s.` }));
}

/** Step 2: the weekly gap actual − without, and where it peaks. */
export function showGap(score, { name, from, to }) {
  const inWindow = score.periods.filter((p) => p.period >= score.window.from);
  const peak = inWindow.reduce((a, p) => (Math.abs(p.incremental) > Math.abs(a?.incremental ?? 0) ? p : a), null);
  const lastWeek = score.periods.at(-1);
  const reading = peak
    ? [
        `Switched off in ${weeksText(from, to)}, ${name} leaves a gap in spend that is largest in week ${peak.period} (`,
        money(peak.incremental, 'peak'),
        `) and still `,
        money(lastWeek.incremental, 'last'),
        lastWeek.period > to
          ? ` in week ${lastWeek.period}, because this week's actions follow last week's: the effect echoes after the channel comes back.`
          : ` in week ${lastWeek.period}: this week's actions follow last week's, so each week without it also lowers the next.`,
      ]
    : ['No week is in the window.'];
  const w = stepWidth('step-2');
  setStep('step-2', reading, gapChart(score, { width: w, alt: `Spend lost each week without ${name}, with 95% ranges where bootstrapped; the largest gap is in week ${peak?.period}.` }));
}

/** Step 3: users vs non-users next to the model, and why the naive figure is off. */
export function showNaive(score, { name }) {
  const n = score.naive;
  const model = score.total.incremental;
  if (!n || !isNum(n.incremental)) {
    setStep('step-3', [`The naive comparison of users and non-users cannot be made for this change${n?.reason ? ` (${n.reason})` : ''}.`], null);
    return;
  }
  const ratio = isNum(model) && model !== 0 ? n.incremental / model : null;
  const [feature, diff] = Object.entries(n.x0_difference ?? {}).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))[0] ?? [];
  const reading = [
    `Comparing the customers who use ${name} most with the rest says it brings `,
    money(n.incremental, 'naive'),
    isNum(ratio) ? [' — ', value(ratio, `${num(ratio, { digits: 2 })}×`, { 'data-kind': 'ratio' }), ' the model’s ', money(model)] : '',
    '. That is wrong: heavy users were different before they used it',
    feature ? [` (${nameOf(feature)} differs by `, value(diff, num(diff, { signed: true })), ')'] : '',
    ', and those differences drive spend too, so part of their extra spend would have happened anyway. The model compares like with like.',
  ];
  const rows = [
    { label: 'The model', value: model, ci: score.total.incremental_ci, color: COLORS.ours },
    { label: 'Users vs non-users', value: n.incremental, color: COLORS.muted },
  ];
  setStep('step-3', reading, estimatesChart(rows, { width: stepWidth('step-3'), alt: `Bars: the model says ${spend(model)}, the naive users-vs-non-users comparison ${spend(n.incremental)}.` }));
}

/** Step 4: the guess box; once revealed, guess vs model vs naive vs truth. */
export function showTruth(score, { name, from, to, truth, guess, simulated, onSwitch }) {
  $('guess-area').hidden = !simulated;
  $('guess-question').textContent = `How much spend do you think ${name} brings in ${weeksText(from, to)}? Your guess${CURRENCY[sourceKind()] ? ` (${CURRENCY[sourceKind()]})` : ''}:`;
  if (!simulated) {
    setStep('step-4', [`Only a simulated world knows the true value of a ${NOUN[sourceKind()]}: real data never shows the weeks without it. `, el('button', { type: 'button', class: 'secondary small', id: 'to-sim', onclick: onSwitch }, 'Switch to the simulated shop')], null);
    return;
  }
  if (!truth) {
    setStep('step-4', ['Type your guess, then reveal the simulated world’s true value: it replays the same customers without the channel.'], null);
    return;
  }
  const t = truth.total.incremental;
  const model = score.total.incremental;
  const ci = score.total.incremental_ci;
  const covered = Array.isArray(ci) && isNum(t) && ci[0] <= t && t <= ci[1];
  const reading = [
    'The world’s true value is ', money(t, 'truth'), '; the model said ', money(model, 'model'),
    Array.isArray(ci) ? [covered ? ' and its 95% range covers the truth' : ' and its 95% range misses the truth'] : '',
    isNum(score.naive?.incremental) ? ['; users vs non-users said ', money(score.naive.incremental)] : '',
    isNum(guess) ? ['; you guessed ', money(guess, 'guess'), isNum(t) && t !== 0 ? [` (${pct((guess - t) / Math.abs(t), { digits: 2, signed: true })} off)`] : ''] : '',
    '.',
  ];
  const rows = [
    isNum(guess) ? { label: 'Your guess', value: guess, color: COLORS.muted } : null,
    { label: 'The model', value: model, ci: Array.isArray(ci) ? ci : null, color: COLORS.ours },
    isNum(score.naive?.incremental) ? { label: 'Users vs non-users', value: score.naive.incremental, color: '#b8c0cc' } : null,
    { label: 'The truth', value: t, color: COLORS.truth },
  ].filter(Boolean);
  setStep('step-4', reading, estimatesChart(rows, { width: stepWidth('step-4'), alt: `Bars: ${rows.map((r) => `${r.label.toLowerCase()} ${spend(r.value)}`).join(', ')}.` }));
}
