// The analyst's part of the page, under "Details" (collapsed): the learner comparison, deciles with
// calibration and RATE, the fixed policies' off-policy values, the sleeping-dog segments, the curves with
// the core's formulas and definitions, the propensity overlap, and the run's summary with the export.
import { el, dl } from '../dom.js';
import { count, duration, num, pct } from '../kit/format.js';
import { widthOf } from '../kit/plot.js';
import { curveChart, decilesChart, overlapChart } from './chart.js';
import { LEARNERS } from './runs.js';
import { definitionOf, renderCalibration, renderComparison, renderPolicies, renderRate, renderSegments } from './tables.js';
import { predictionColumn } from './model.js';

const $ = (id) => document.getElementById(id);
const detailsWidth = () => widthOf($('details-heading')?.parentElement, { min: 280, max: 860 });

/** The comparison only (it changes with the economics and as background fits arrive). */
export function renderComparisonDetails(answers, arm, defs, { lead, money, unit }) {
  renderComparison($('comparison'), answers, arm, defs, { lead, money, unit });
}

/** The run's summary line (it changes as background fits arrive). */
export function renderSummary(m, { label, ms, answers }) {
  const { result, r } = m;
  const defs = result.definitions ?? {};
  const arms = result.results.map((x) => x.arm);
  const ok = answers.filter((a) => a.result).length;
  $('summary').replaceChildren(...[
    el('span', {}, label),
    el('span', {}, `${count(result.rows, { exact: true })} rows`),
    el('span', {}, `${result.treatment}: ${arms.join(', ')} vs ${result.control}`),
    el('span', {}, `outcome ${result.outcome} (${result.outcome_kind})`),
    el('span', {}, `${result.features.length} features → ${result.design_columns?.length ?? 'n/a'} design columns`),
    el('span', {}, `base ${result.base}, propensity ${result.propensity}, ${result.folds} folds, seed ${result.seed}`),
    r.forest ? el('span', { id: 'forest-size', title: defs.forest ?? '' }, `causal forest: ${count(r.forest.trees)} trees, ${count(r.forest.nodes)} nodes, ${num(r.forest.memory_mb)} MB`) : null,
    el('span', { id: 'run-time', dataset: { ms: String(Math.round(ms)) } }, `${ok} of ${answers.length} learners in ${duration(ms)}`),
  ].filter(Boolean));
}

/** Everything else under Details for the learner and arm shown. */
export function renderDetails(m, run) {
  const { result, r } = m;
  const defs = result.definitions ?? {};
  renderSummary(m, run);
  const values = result.predictions?.[predictionColumn(result, m.arm)];
  const s = r.cate_summary ?? {};
  $('export').disabled = !Array.isArray(result.predictions?.cate);
  $('cate-note').textContent = Array.isArray(values)
    ? `Every customer’s predicted change, out of fold (${count(values.length, { exact: true })} rows; mean ${num(s.mean)}, sd ${num(s.sd)}, 10th–90th percentile ${num(s.p10)} to ${num(s.p90)}), as the CLI's --predict-out writes it.`
    : 'The per-customer predictions follow from a second fit in the background; the export is ready once they arrive.';

  const width = detailsWidth();
  $('deciles-chart').replaceChildren(decilesChart(r.deciles ?? [], { width }), dl([['Deciles', defs.deciles]]));
  const calibration = el('div', { id: 'calibration-out' });
  renderCalibration(calibration, r.calibration, defs);
  const rate = el('div', { id: 'rate-out' });
  renderRate(rate, r.rate, defs);
  $('calibration').replaceChildren(calibration, rate);

  renderPolicies($('policies'), r, defs, { threshold: result.threshold, topShare: result.top_share });
  renderSegments($('segments'), r, defs);

  $('uplift-chart').replaceChildren(curveChart(r.curves, 'uplift', { width, unit: m.unit }));
  $('curve-definitions').replaceChildren(
    ...dl([
      ['Qini Q(k)', defs['curves.qini']],
      ['Uplift U(k)', defs['curves.uplift']],
      ['k', defs['curves.k']],
      ['Random line', 'targeting k customers at random: the straight line from (0, 0) to the curve’s end point'],
      ['Gain curve (the first chart)', defs.policy_curve],
      ['Net value', defs['policy_curve.net_value'] ?? 'value × DR gain − cost × treated / n, per customer; the page computes it for any cost and value from the fitted ranking (no refit)'],
      ['Cost-aware choice', defs['policies.learned_cost_aware'] ?? 'treat when value × predicted change > cost'],
      ['Predicted change (CATE)', defs.cate],
      ['Shown for', `${LEARNERS[m.learner] ?? m.learner}, ${m.arm} vs ${r.vs}`],
    ]).childNodes,
  );

  const p = r.propensity ?? {};
  $('overlap-chart').replaceChildren(overlapChart(p.histogram ?? {}, { width, armLabel: m.arm, controlLabel: r.vs }));
  const trimmed = r.trimmed;
  $('overlap-note').replaceChildren(
    el('span', { id: 'share-outside', dataset: { value: String(p.share_outside ?? '') } }, `Share outside [0.05, 0.95]: ${pct(p.share_outside)}`),
    ` — ${defs['propensity.share_outside'] ?? ''}. `,
    `Propensity ${p.estimated ? 'estimated' : 'known (the treated share of the rows compared)'}; range ${num(p.min)} to ${num(p.max)}; AUC ${p.auc == null ? 'n/a (known propensity)' : num(p.auc)} — ${defs['propensity.auc'] ?? ''}. `,
    `Clipped: ${count(p.clipped?.low ?? 0)} low, ${count(p.clipped?.high ?? 0)} high — ${defs['propensity.clipped'] ?? ''}.`,
    trimmed && typeof trimmed === 'object' ? ` Trimmed (trim ${num(trimmed.trim)}): ${count(trimmed.low ?? 0)} low, ${count(trimmed.high ?? 0)} high, ${count(trimmed.evaluated_rows)} rows evaluated — ${definitionOf(defs, 'trimmed') ?? ''}.` : '',
  );
}
