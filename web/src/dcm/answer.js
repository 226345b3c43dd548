// The story's first screen: the answer sentence ("Without E-mail reminders in weeks 2–10, customers
// would have spent about $108,000 less (−41.7%; 95% range $96,900 to $123,000)."), the weekly chart that
// carries it, and the cards beside the control, each compared with the pinned baseline view.
import { el } from '../dom.js';
import { isNum, pct } from '../kit/format.js';
import { card, setAnswer, value } from '../kit/story.js';
import { widthOf } from '../kit/plot.js';
import { periodsChart } from './chart.js';
import { CURRENCY, nameOf, sourceKind, spend } from './names.js';

const $ = (id) => document.getElementById(id);

/** "weeks 2–10" (or "week 5"). */
export const weeksText = (from, to) => (from === to ? `week ${from}` : `weeks ${from}\u2013${to}`);

/** The shocked weeks as asked (the core's window runs on to the panel's end, where the effect still echoes). */
export function shockedWeeks(score, shock) {
  const from = score.window.from;
  const to = Number.isInteger(shock.to) ? Math.min(shock.to, score.window.to) : score.window.to;
  return { from, to, echo: to < score.window.to };
}

/** The answer sentence's parts: the rounded numbers carry the exact ones in data-value. */
export function answerParts(score, { lead, shock, outcome = 'spend' }) {
  const t = score.total;
  const { from, to, echo } = shockedWeeks(score, shock);
  const lost = t.incremental;
  if (!isNum(lost) || !isNum(t.baseline)) return [`${lead} in ${weeksText(from, to)}: the model could not say (no numbers came back).`];
  const share = t.baseline !== 0 ? -lost / t.baseline : null;
  const more = lost < 0;
  const ci = Array.isArray(t.incremental_ci) && isNum(t.incremental_ci[0]) && isNum(t.incremental_ci[1]) ? t.incremental_ci : null;
  const ends = ci ? (more ? [-ci[1], -ci[0]] : [ci[0], ci[1]]) : null; // the range of the amount the sentence says
  const bracket = [
    ' (',
    isNum(share) ? value(share, pct(share, { signed: true }), { 'data-kind': 'share' }) : null,
    ends ? [isNum(share) ? '; ' : '', '95% range ', value(ends[0], spend(ends[0]), { 'data-kind': 'ci-lo' }), ' to ', value(ends[1], spend(ends[1]), { 'data-kind': 'ci-hi' })] : null,
    ')',
  ];
  // Money reads "would have spent about $41,200 less"; a user's outcome column has no unit, so it is named.
  const money = Boolean(CURRENCY[sourceKind()]);
  return [
    money ? `${lead} in ${weeksText(from, to)}, customers would have spent about ` : `${lead} in ${weeksText(from, to)}, customers' ${nameOf(outcome)} would have been about `,
    value(Math.abs(lost), spend(Math.abs(lost)), { 'data-kind': 'incremental', 'data-incremental': String(lost) }),
    money ? (more ? ' more' : ' less') : more ? ' higher' : ' lower',
    echo ? ` over ${weeksText(from, score.window.to)}` : '',
    isNum(share) || ci ? bracket : null,
    '.',
  ];
}

export function showAnswer(score, { lead, shock, pinned, label }) {
  // The numbers first; the chart and cards follow in the same task (one paint shows them together).
  setAnswer($('answer'), answerParts(score, { lead, shock, outcome: score.outcome }));
  const { from, to } = shockedWeeks(score, shock);
  const t = score.total;
  const target = $('chart');
  const alt = `Weekly spend of all customers, actual and ${label.toLowerCase()}, weeks ${score.periods[0]?.period}–${score.periods.at(-1)?.period}; the shaded weeks ${from}–${score.window.to} are where the two differ, by ${spend(t.incremental)} in total.`;
  target.replaceChildren(periodsChart(score, { width: widthOf(target, { min: 300, max: 860 }), alt, withoutLabel: label.toLowerCase() }));
  const share = t.baseline ? t.incremental / t.baseline : null;
  $('cards').replaceChildren(
    card({ kind: 'lost', title: 'Spend it brings', x: t.incremental, text: spend(t.incremental), baseline: pinned?.incremental, f: (x, o) => spend(x, o), note: 'actual − without it' }),
    card({ kind: 'share', title: 'Share of spend', x: share, text: pct(share), baseline: pinned?.share, f: (x, o) => `${pct(x, o)}`, note: `of ${spend(t.baseline)} in ${weeksText(score.window.from, score.window.to)}` }),
  );
}

/** What the baseline keeps of an answer. */
export const summarise = (score) => ({ incremental: score.total.incremental, share: score.total.baseline ? score.total.incremental / score.total.baseline : null });

/**
 * Placeholder line and empty chart axes while the first numbers are computed. Drawing the axes now also
 * readies the chart code while the main thread would otherwise wait for the engine.
 */
export function waiting(text, weeks = 10) {
  $('answer').replaceChildren(el('span', { id: 'placeholder', class: 'muted' }, text));
  const periods = Array.from({ length: weeks }, (_, i) => ({ period: i + 1, baseline: 0, counterfactual: 0, incremental_ci: [0, 0] }));
  const target = $('chart');
  target.replaceChildren(periodsChart({ periods, window: { from: 1, to: weeks } }, { width: widthOf(target, { min: 300, max: 860 }), alt: 'Weekly spend: the chart is drawn once the model is trained.' }));
}
