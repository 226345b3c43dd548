// Everything the uplift page shows that is not a control: the summary, the
// learner comparison, the policy slider, the charts of the learner and arm
// chosen, segments, fixed policies and (simulated worlds) the truth.
import { el, dl } from '../dom.js';
import { fmtInt, fmtInterval, fmtNum, fmtPct } from '../format.js';
import { renderCateHistogram, renderCurve, renderDeciles, renderOverlap, renderTruthScatter } from './chart.js';
import { renderPolicy } from './policy.js';
import { LEARNERS } from './runs.js';
import { definitionOf, renderCalibration, renderComparison, renderPolicies, renderRate, renderSegments, scalar } from './tables.js';

export { clearMessage, showMessage, showProgress } from '../page-status.js';

const $ = (id) => document.getElementById(id);
const finite = (x) => typeof x === 'number' && Number.isFinite(x);
const width = () => Math.max(480, Math.min($('results').clientWidth || 760, 900));

function fillSelect(select, options, preferred) {
  select.replaceChildren(...options.map(([value, label]) => el('option', { value }, label)));
  const values = options.map(([v]) => v);
  select.value = values.includes(preferred) ? preferred : (values[0] ?? '');
  return select.value;
}

/** The prediction column of `arm` (the CLI's --predict-out names). */
export const predictionColumn = (result, arm) => (result.results.length > 1 ? `cate_${arm}` : 'cate');

/**
 * view: {answers, label, ms, learner, arm, share, mode, truth, simulated, onView}
 * Returns the learner and arm actually shown.
 */
export function showResult(view) {
  const ok = view.answers.filter((a) => a.result);
  $('placeholder').hidden = true;
  $('results').hidden = false;
  const learner = fillSelect($('view-learner'), ok.map((a) => [a.learner, LEARNERS[a.learner] ?? a.learner]), view.learner);
  const answer = ok.find((a) => a.learner === learner);
  const result = answer.result;
  const arms = result.results.map((r) => r.arm);
  const arm = fillSelect($('arm'), arms.map((a) => [a, a]), view.arm);
  $('arm-picker').hidden = arms.length < 2;
  const r = result.results.find((x) => x.arm === arm);
  const defs = result.definitions ?? {};

  $('summary').replaceChildren(
    el('span', {}, view.label),
    el('span', {}, `${fmtInt(result.rows)} rows`),
    el('span', {}, `${result.treatment}: ${arms.join(', ')} vs ${result.control}`),
    el('span', {}, `outcome ${result.outcome} (${result.outcome_kind})`),
    el('span', {}, `${result.features.length} features → ${result.design_columns?.length ?? '?'} design columns`),
    el('span', {}, `base ${result.base}, propensity ${result.propensity}, ${result.folds} folds, seed ${result.seed}`),
    ...(!r.forest ? [] : [el('span', { id: 'forest-size', title: defs.forest ?? '' }, `causal forest: ${fmtInt(r.forest.trees) ?? 'n/a'} trees, ${fmtInt(r.forest.nodes) ?? 'n/a'} nodes, ${fmtNum(r.forest.memory_mb, 3) ?? 'n/a'} MB`)]),
    el('span', { id: 'run-time', dataset: { ms: String(Math.round(view.ms)) } }, `${ok.length} of ${view.answers.length} learners in ${fmtInt(view.ms)} ms`),
  );
  renderComparison($('comparison'), view.answers, arm, defs);

  const drawQini = (share) => renderCurve($('chart'), r.curves, 'qini', { width: width(), label: LEARNERS[learner], marker: share });
  const point = renderPolicy($('policy'), r, defs, {
    share: view.share,
    mode: view.mode,
    truth: view.truth && view.simulated,
    onMove: (share) => {
      drawQini(share);
      view.onShare?.(share);
    },
    onMode: (mode) => view.onMode?.(mode),
  });
  drawQini(point?.share ?? null);
  renderCurve($('uplift-chart'), r.curves, 'uplift', { width: width(), label: LEARNERS[learner] });
  $('curve-definitions').replaceChildren(
    ...dl([
      ['Qini Q(k)', defs['curves.qini']],
      ['Uplift U(k)', defs['curves.uplift']],
      ['k', defs['curves.k']],
      ['Random line', 'targeting k customers at random: the straight line from (0, 0) to the curve’s end point'],
      ['Out of fold', defs.cate],
      ['Causal forest size', r.forest ? defs.forest : null],
    ]).childNodes,
  );

  renderDeciles($('deciles-chart'), r.deciles ?? [], { width: width() });
  const calibration = el('div', { id: 'calibration-out' });
  if (r.calibration) renderCalibration(calibration, r.calibration, defs);
  const rate = el('div', { id: 'rate-out' });
  if (r.rate) renderRate(rate, r.rate, defs);
  $('calibration').replaceChildren(dl([['Deciles', defs.deciles]]), calibration, rate);

  const column = predictionColumn(result, arm);
  const values = result.predictions?.[column];
  if (Array.isArray(values)) {
    renderCateHistogram($('cate-chart'), values, { width: width(), label: `Predicted uplift of ${arm} vs ${r.vs} (CATE, out of fold)` });
    const s = r.cate_summary ?? {};
    $('cate-note').textContent = `Every customer’s predicted uplift (${fmtInt(values.length)} rows; mean ${fmtNum(s.mean) ?? 'n/a'}, sd ${fmtNum(s.sd) ?? 'n/a'}, 10th–90th percentile ${fmtNum(s.p10) ?? 'n/a'} to ${fmtNum(s.p90) ?? 'n/a'}). Red dashed: no effect; customers left of it are predicted sleeping dogs.`;
  } else {
    $('cate-chart').replaceChildren();
    $('cate-note').textContent = 'n/a: the answer has no per-customer predictions.';
  }

  const p = r.propensity ?? {};
  renderOverlap($('overlap-chart'), p.histogram ?? {}, { width: width(), armLabel: arm, controlLabel: r.vs });
  const trimmed = r.trimmed;
  $('overlap-note').replaceChildren(
    el('span', { id: 'share-outside', dataset: { value: String(p.share_outside ?? '') } }, `Share outside [0.05, 0.95]: ${fmtPct(p.share_outside) ?? 'n/a'}`),
    ` — ${defs['propensity.share_outside'] ?? ''}. `,
    `Propensity ${p.estimated ? 'estimated' : 'known (the treated share of the rows compared)'}; range ${fmtNum(p.min) ?? 'n/a'} to ${fmtNum(p.max) ?? 'n/a'}; AUC ${fmtNum(p.auc) ?? 'n/a (known propensity)'} — ${defs['propensity.auc'] ?? ''}. `,
    `Clipped: ${fmtInt(p.clipped?.low) ?? 0} low, ${fmtInt(p.clipped?.high) ?? 0} high — ${defs['propensity.clipped'] ?? ''}.`,
    trimmed != null ? ` Trimmed: ${typeof trimmed === 'object' ? Object.entries(trimmed).map(([k, v]) => `${k} ${fmtNum(scalar(v)) ?? v}`).join(', ') : fmtNum(trimmed)} — ${definitionOf(defs, 'trimmed') ?? 'rows left out of the estimates because their propensity lies outside [trim, 1 − trim]'}.` : '',
  );

  renderSegments($('segments'), r, defs);
  renderPolicies($('policies'), r, defs, { threshold: result.threshold, topShare: result.top_share });
  showTruth(view, result, r, column, point);
  return { learner, arm };
}

/** The teaching view: only numbers the core computed from the simulator's truth. */
function showTruth(view, result, r, column, point) {
  $('truth-block').hidden = !view.simulated;
  if (!view.simulated) return;
  $('truth').checked = Boolean(view.truth);
  const out = $('truth-out');
  if (!view.truth) {
    out.replaceChildren(el('p', { class: 'muted' }, 'The world knows every customer’s true uplift τ(x); the learners never see it. Reveal it to check the estimates.'));
    return;
  }
  const t = r.truth;
  const defs = result.definitions ?? {};
  if (!t) {
    out.replaceChildren(el('p', { class: 'muted', id: 'truth-none' }, 'n/a: this build of the core does not report the truth (the option true_cate is not supported yet).'));
    return;
  }
  const ate = scalar(r.ate_dr);
  const card = (kind, title, big, sub) => el('section', { class: 'headline-card', dataset: { kind } }, el('h3', {}, title), el('p', { class: 'big' }, big ?? 'n/a'), el('p', { class: 'ci' }, sub ?? ''));
  const cards = el(
    'div',
    { class: 'headline', id: 'truth-cards' },
    card('pehe', '√PEHE', fmtNum(scalar(t.pehe_sqrt)), definitionOf(defs, 'truth.pehe_sqrt') ?? 'root mean squared error of the predicted CATE against the true τ(x)'),
    card('correlation', 'Correlation (true, estimated)', fmtNum(scalar(t.correlation)), definitionOf(defs, 'truth.correlation') ?? 'Pearson correlation of the true and predicted CATE: how well the ranking is recovered'),
    card('true-ate', 'True ATE vs its DR estimate', `${fmtNum(scalar(t.true_ate)) ?? 'n/a'} vs ${fmtNum(ate) ?? 'n/a'}`, `estimate 95% CI ${fmtInterval(r.ate_dr?.ci) ?? 'n/a'}; ${definitionOf(defs, 'truth.true_ate') ?? 'mean of τ(x) over the rows compared'}`),
    point && finite(point.truth) && card('policy-truth', `Policy at ${fmtPct(point.share)} treated: true vs OPE`, `${fmtNum(point.truth)} vs ${fmtNum(point.gain) ?? 'n/a'}`, point.se ? `OPE 95% CI ${fmtInterval([point.gain - 1.96 * point.se, point.gain + 1.96 * point.se]) ?? 'n/a'}${point.truth >= point.gain - 1.96 * point.se && point.truth <= point.gain + 1.96 * point.se ? ' covers the truth' : ' misses the truth'}` : ''),
  );
  // The core's per-policy truth ({policy, true_gain, dr_gain}); the se for coverage comes from the policy's row.
  const policies = (Array.isArray(t.policies) ? t.policies : (r.policies ?? [])).filter((x) => finite(x.true_gain)).map((x) => ({ ...x, dr_gain_se: x.dr_gain_se ?? r.policies?.find((p) => p.policy === x.policy)?.dr_gain_se }));
  const table = policies.length
    ? el(
        'table',
        { class: 'result-table', id: 'truth-policies' },
        el('caption', { title: definitionOf(defs, 'truth.policies.true_gain') ?? '' }, 'Fixed policies: true gain vs the DR estimate (per customer, over treating no one)'),
        el('thead', {}, el('tr', {}, el('th', {}, 'Policy'), el('th', {}, 'True gain'), el('th', {}, 'DR gain (estimate)'), el('th', {}, 'Covered by the 95% CI'))),
        el(
          'tbody',
          {},
          policies.map((x) => {
            const lo = x.dr_gain - 1.959963984540054 * x.dr_gain_se;
            const hi = x.dr_gain + 1.959963984540054 * x.dr_gain_se;
            return el('tr', { dataset: { policy: x.policy } }, el('th', { scope: 'row' }, x.policy), el('td', { class: 'num', dataset: { kind: 'true-gain' } }, fmtNum(x.true_gain)), el('td', { class: 'num', dataset: { kind: 'dr-gain' } }, fmtNum(x.dr_gain) ?? 'n/a'), el('td', {}, finite(lo) && finite(hi) ? (x.true_gain >= lo && x.true_gain <= hi ? 'yes' : 'no') : 'n/a'));
          }),
        ),
      )
    : null;
  const perRow = result.predictions?.true_cate ?? t.true_cate ?? t.cate;
  const estimate = result.predictions?.[column];
  const scatter = el('div', { id: 'truth-scatter' });
  const parts = [cards, table, scatter];
  if (Array.isArray(perRow) && Array.isArray(estimate) && perRow.length === estimate.length) {
    renderTruthScatter(scatter, perRow, estimate, { width: width() });
    parts.push(el('p', { class: 'hint muted' }, 'Each dot is a customer (a sample of at most 4,000): on the dashed diagonal the estimate equals the truth.'));
  } else parts.push(el('p', { class: 'muted' }, 'True vs estimated scatter: n/a (the answer carries no per-customer truth).'));
  out.replaceChildren(...parts.filter(Boolean));
}
