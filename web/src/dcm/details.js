// The analyst's view under "Details": the model summary, the three totals with their 95% ranges and the
// core's definitions, the coefficient heatmap of one week's equations and the training definitions.
import { dl, el } from '../dom.js';
import { count, duration, isNum, num, range } from '../kit/format.js';
import { value } from '../kit/story.js';
import { widthOf } from '../kit/plot.js';
import { heatmapChart } from './chart.js';
import { renderGroups, renderNaive } from './tables.js';
import { spend } from './names.js';

const $ = (id) => document.getElementById(id);

function total(kind, title, x, ci) {
  const hasCi = Array.isArray(ci) && isNum(ci[0]) && isNum(ci[1]);
  return el(
    'section',
    { class: 'card-result', dataset: { kind } },
    el('h3', {}, title),
    el('p', { class: 'big' }, value(x, spend(x))),
    el('p', { class: 'ci note', dataset: hasCi ? { lo: String(ci[0]), hi: String(ci[1]) } : {} }, hasCi ? `95% range ${range(ci[0], ci[1], spend)}` : 'no 95% range (bootstrap replicates = 0)'),
  );
}

/** The score's analyst parts: totals, definitions, the group breakdown, the naive (and truth) tables. */
export function showScoreDetails(score, { scoreMs, truth, config }) {
  const t = score.total;
  const d = score.definitions;
  $('headline').replaceChildren(
    total('baseline', 'Actual spend (baseline)', t.baseline, t.baseline_ci),
    total('counterfactual', 'Spend without it (counterfactual)', t.counterfactual, t.counterfactual_ci),
    total('incremental', 'Spend it brings (incremental)', t.incremental, t.incremental_ci),
  );
  const panelCi = t.incremental_ci_given_panel;
  $('headline-definitions').replaceChildren(
    ...dl([
      ['Baseline', d.baseline],
      ['Counterfactual', d.counterfactual],
      ['Incremental', d.incremental],
      ['95% range (CI)', d.incremental_ci],
      ['Range given this panel', Array.isArray(panelCi) ? `${range(panelCi[0], panelCi[1], spend)}: ${d.incremental_ci_given_panel}` : null],
      ['Window', `weeks ${score.window.from}–${score.window.to}: ${d.window}`],
      ['Re-score time', 'wall-clock time of the last scoring, page → engine worker → page (the model is not refitted)'],
    ]).childNodes,
  );
  $('score-time').textContent = `Scored the kept model in ${duration(scoreMs)} (no retraining).`;
  $('score-time').dataset.ms = String(Math.round(scoreMs));
  renderNaive($('naive-out'), score, truth, config);
  renderGroups($('groups'), score, config);
}

function fillPeriods(model) {
  const periods = [...new Set(model.equations.map((e) => e.period))].sort((a, b) => a - b);
  const select = $('coef-period');
  const current = select.value === '' ? NaN : Number(select.value);
  select.replaceChildren(...periods.map((p) => el('option', { value: p == null ? '' : String(p) }, p == null ? 'all (pooled)' : String(p))));
  const last = periods[periods.length - 1];
  select.value = periods.includes(current) ? String(current) : last == null ? '' : String(last);
}

export function showHeatmap(model) {
  const raw = $('coef-period').value;
  const period = raw === '' ? null : Number(raw);
  $('heatmap').replaceChildren(heatmapChart(model, period, { width: widthOf($('heatmap'), { min: 480, max: 900, fallback: 760 }) }));
}

/** The model's summary line, the coefficients and the training definitions (after a training). */
export function showTrainDetails(trained, { label, trainMs }) {
  const s = trained.summary ?? trained; // the core answers the summary at the top level beside `model`
  const cfg = trained.model.config;
  const lags = Array.isArray(cfg.lags) ? cfg.lags.join(', ') : cfg.lags;
  $('summary').replaceChildren(
    el('span', {}, label),
    el('span', {}, `${count(s.customers)} customers × ${count(trained.model.periods)} weeks`),
    el('span', {}, `${count(s.equations)} equations, lags ${lags}, same-period ${cfg.same_period ? 'on' : 'off'}, ridge ${num(cfg.ridge)}`),
    el('span', {}, s.bootstrap ? `bootstrap B = ${s.bootstrap}` : 'no bootstrap'),
    el('span', { id: 'train-time', dataset: { ms: String(Math.round(trainMs)) } }, `trained in ${duration(trainMs)}`),
  );
  fillPeriods(trained.model);
  showHeatmap(trained.model);
  const d = trained.definitions ?? s.definitions ?? {};
  $('train-definitions').replaceChildren(...dl(Object.entries(d)).childNodes);
}
