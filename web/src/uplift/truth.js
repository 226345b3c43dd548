// Step 4, the teaching moment: in a simulated world every customer's true change is known (the models
// never see it). Guess first — which share would you send it to? — then reveal the truth beside the
// estimate. Only numbers the core computed from the truth are shown (policy_curve.true_gain, √PEHE, …);
// the page only sums them with the economics. On real data the step points to the simulated world.
import { el } from '../dom.js';
import { money, num, pct } from '../kit/format.js';
import { widthOf } from '../kit/plot.js';
import { setStep, value } from '../kit/story.js';
import { truthChart, truthScatter } from './chart.js';
import { predictionColumn } from './model.js';
import { definitionOf, scalar } from './tables.js';

const finite = (x) => typeof x === 'number' && Number.isFinite(x);

/**
 * Fills the guess control once per data kind. handlers: {onGuess(share 0..1), onReveal(on), onTrySim()}.
 */
export function renderGuessControl(container, { simulated, guess, revealed, onGuess, onReveal, onTrySim }) {
  if (!simulated) {
    container.replaceChildren(el('button', { type: 'button', id: 'try-sim', class: 'secondary', onclick: onTrySim }, 'Try it in the simulated world'));
    return;
  }
  const box = el('input', { id: 'guess', type: 'number', class: 'number-box', min: '0', max: '100', step: '1', inputmode: 'numeric', value: finite(guess) ? String(Math.round(guess * 100)) : '' });
  box.addEventListener('change', () => {
    const x = Number(box.value);
    if (box.value.trim() !== '' && Number.isFinite(x)) onGuess(Math.min(100, Math.max(0, x)) / 100);
  });
  const button = el('button', { type: 'button', id: 'reveal', 'aria-pressed': String(Boolean(revealed)), onclick: () => onReveal(button.getAttribute('aria-pressed') !== 'true') }, revealed ? 'Hide the truth' : 'Reveal the truth');
  container.replaceChildren(el('label', { for: 'guess' }, 'Your guess: the share to send it to (%)'), box, button);
}

export function renderStep4(m, { simulated, revealed, guess }) {
  if (!simulated) {
    setStep('step-4', 'Real data never shows a customer’s true change: each customer either got the e-mail or did not. A simulated world knows it, so you can check the model against the truth.', null);
    return;
  }
  const truthKnown = m.points?.some((p) => finite(p.truth));
  if (!revealed) {
    setStep('step-4', `This world knows every customer’s true change; the models never saw it. Guess first: at ${money(m.economics.cost)} per ${m.thing}, which share of customers would you send it to? Then reveal the truth.`, null);
    return;
  }
  if (!truthKnown || !m.trueBest) {
    setStep('step-4', 'n/a: this answer carries no truth (the core did not report true gains).', null);
    return;
  }
  const est = m.policy;
  const best = m.trueBestPolicy;
  const reading = [
    'The truth: along this ranking, the best share at these costs is ', value(best.share, pct(best.share), { 'data-kind': 'true-best-share' }), ', truly worth ', value(best.netTruth, money(best.netTruth), { 'data-kind': 'true-best-net' }), ' net. The model chose ',
    value(est.share, pct(est.share), { 'data-kind': 'model-share' }), ', which truly nets ', value(est.netTruth, money(est.netTruth), { 'data-kind': 'model-true-net' }), ' (it estimated ', value(est.net, money(est.net), { 'data-kind': 'model-net' }), ')',
  ];
  if (finite(guess)) {
    const g = m.policyOf(m.points.reduce((a, p) => (Math.abs(p.share - guess) < Math.abs(a.share - guess) ? p : a)));
    reading.push('; your guess, ', value(g.share, pct(g.share), { 'data-kind': 'guess-share' }), ', truly nets ', value(g.netTruth, money(g.netTruth), { 'data-kind': 'guess-true-net' }));
  }
  reading.push('.');
  setStep('step-4', reading, truthChart(m.points, { n: m.n, unit: m.unit, guess, width: widthOf(document.querySelector('#step-4 .step-chart'), { min: 260, max: 640, fallback: 560 }) }));
}

/** Details: the core's truth figures (√PEHE, correlation, true average effect, true gains of the fixed policies). */
export function renderTruthDetails(container, m, { revealed }) {
  if (!revealed) {
    container.replaceChildren(el('p', { class: 'muted' }, 'Reveal the truth in step 4 first.'));
    return;
  }
  const t = m.r.truth;
  const defs = m.result.definitions ?? {};
  if (!t) {
    container.replaceChildren(el('p', { class: 'muted', id: 'truth-none' }, 'n/a: this answer carries no truth figures.'));
    return;
  }
  const card = (kind, title, x, text, sub) => el('section', { class: 'card-result', dataset: { kind } }, el('h3', {}, title), el('p', { class: 'big' }, value(x, text)), el('p', { class: 'note' }, sub ?? ''));
  const ate = scalar(m.r.ate_dr);
  const cards = el(
    'div',
    { class: 'cards-row', id: 'truth-cards' },
    card('pehe', 'Typical error per customer (√PEHE)', scalar(t.pehe_sqrt), num(scalar(t.pehe_sqrt)), definitionOf(defs, 'truth.pehe_sqrt')),
    card('correlation', 'Correlation of true and estimated change', scalar(t.correlation), num(scalar(t.correlation)), definitionOf(defs, 'truth.correlation')),
    card('true-ate', 'True average change', scalar(t.true_ate), num(scalar(t.true_ate)), `estimated ${num(ate)}; ${definitionOf(defs, 'truth.true_ate') ?? ''}`),
  );
  const policies = (Array.isArray(t.policies) ? t.policies : []).filter((x) => finite(x.true_gain));
  const table = policies.length
    ? el(
        'div',
        { class: 'table-block', tabindex: '0', role: 'region', 'aria-label': 'True gains of the fixed policies' },
        el(
          'table',
          { class: 'result-table', id: 'truth-policies' },
          el('caption', { title: definitionOf(defs, 'truth.policies.true_gain') ?? '' }, 'Fixed policies: true gain vs the DR estimate (per customer, over treating no one)'),
          el('thead', {}, el('tr', {}, el('th', {}, 'Policy'), el('th', {}, 'True gain'), el('th', {}, 'DR gain (estimate)'))),
          el('tbody', {}, policies.map((x) => el('tr', { dataset: { policy: x.policy } }, el('th', { scope: 'row' }, x.policy), el('td', { class: 'num', dataset: { kind: 'true-gain', value: String(x.true_gain) } }, num(x.true_gain)), el('td', { class: 'num', dataset: { kind: 'dr-gain', value: finite(x.dr_gain) ? String(x.dr_gain) : '' } }, num(x.dr_gain))))),
        ),
      )
    : null;
  const perRow = m.result.predictions?.true_cate;
  const estimate = m.result.predictions?.[predictionColumn(m.result, m.arm)];
  const scatter = Array.isArray(perRow) && Array.isArray(estimate) && perRow.length === estimate.length ? truthScatter(perRow, estimate, { width: widthOf(container, { min: 260, max: 520 }) }) : el('p', { class: 'muted' }, 'True vs estimated scatter: n/a (the answer carries no per-customer truth).');
  container.replaceChildren(...[cards, table, scatter].filter(Boolean));
}
