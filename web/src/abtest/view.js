// Everything the A/B page shows that is not a control: the answer and its chart, the four steps, the
// Details tables; the message box and progress line come from page-status.js.
import { el } from '../dom.js';
import { count, isNum, pct } from '../kit/format.js';
import { setAnswer, value } from '../kit/story.js';
import { answerParts, outcomePhrase, teaserParts } from './answer.js';
import { balanceStep, cupedStep, ratesStep, sureStep } from './steps.js';
import { effectChart } from './story-chart.js';
import { armsSection, comparisonsSection, cupedSection } from './tables.js';
import { HILLSTROM } from './datasets.js';
import { wordsFor } from './words.js';

const $ = (id) => document.getElementById(id);
let renderToken = 0;

export { clearMessage, showMessage, showProgress } from '../page-status.js';

/** The view a guess belongs to: a new outcome, arm column or control asks for a new guess. */
export const viewKey = (result) => `${result.arm}|${result.control}|${result.outcome}`;

function summary(result, datasetLabel) {
  const { rows } = result;
  const dropped = rows.dropped_missing ? `, ${count(rows.dropped_missing, { exact: true })} dropped for missing values` : '';
  return [
    el('span', {}, datasetLabel),
    el('span', {}, `outcome ${result.outcome} (${result.outcome_kind})`),
    el('span', {}, `${count(rows.used, { exact: true })} of ${count(rows.total, { exact: true })} rows used${dropped}`),
    el('span', {}, `${pct(result.confidence)} confidence`),
    el('span', {}, `control ${result.control}${result.control_guessed ? ' (guessed by the core)' : ''}`),
  ];
}

function lede(result, dataset, w) {
  if (dataset === HILLSTROM.id) return null; // the page's own sentence describes the bundled test
  const groups = result.arms.length;
  return `Your file: ${count(result.rows.used, { exact: true })} rows split into ${groups} groups by “${result.arm}”. Each group is compared with the control group, ${w.control}, which shows what happens without the treatment.`;
}

/**
 * @param {{result: object, balance: object|null, dataset: string, datasetLabel: string, guesses: import('./guess.js').GuessFirst}} view
 */
export async function showResult({ result, balance, dataset, datasetLabel, guesses }) {
  const w = wordsFor(result, dataset);
  const key = viewKey(result);
  const hidden = guesses.hidden(key);
  const guess = guesses.guess(key);
  const first = result.comparisons.find((c) => isNum(c.diff));

  $('placeholder').hidden = true;
  const ledeText = lede(result, dataset, w);
  if (ledeText) $('lede').textContent = ledeText;
  else if (ownLede) $('lede').replaceChildren(...ownLede.cloneNode(true).childNodes);

  const chart = $('chart');
  chart.replaceChildren(...[effectChart(chart, result, w, { hidden, guess: guess && { arm: guess.arm, x: guess.x } })].filter(Boolean));
  $('story-note').replaceChildren(value(result.rows.used, count(result.rows.used, { exact: true })), ` ${w.unit}; intervals at `, value(result.confidence, pct(result.confidence)), ' confidence.', w.randomised ? '' : ` “${result.arm}” was not assigned at random: these are differences between kinds of ${w.unit}, not effects of an action.`);

  // The answer first: the steps and tables follow in the next task, so the answer paints without waiting for them.
  setAnswer($('answer'), hidden && first ? teaserParts(result, w, first) : answerParts(result, w));
  const token = (renderToken += 1);
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (token !== renderToken) return; // a newer result is on its way

  guesses.render($('guess-box'), key, {
    arm: first?.arm,
    armWords: first ? w.arm(first.arm) : 'the e-mail',
    question: outcomePhrase(w),
    unit: w.kind === 'share' ? 'percentage points' : w.kind === 'money' ? 'dollars' : '',
  });
  balanceStep(result, balance, w, result.cuped?.covariate);
  ratesStep(result, w, { hidden, guess });
  sureStep(result, w, { hidden });
  cupedStep(result, w, { hidden });

  $('summary').replaceChildren(...summary(result, datasetLabel));
  $('comparisons-block').replaceChildren(comparisonsSection(result));
  $('arms-block').replaceChildren(armsSection(result));
  $('cuped-block').replaceChildren(cupedSection(result));
  $('export').disabled = false;
}

// The page's own lede (about the bundled test), restored when the bundled data is shown again.
let ownLede = null;
export function rememberLede() {
  ownLede = $('lede').cloneNode(true);
}
