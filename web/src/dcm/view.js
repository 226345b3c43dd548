// Everything the DCM page shows that is not a control: summary line, headline
// cards (each with its definition), the per-week chart, the group breakdown,
// the causal graph and the coefficient heatmap.
import { el, dl } from '../dom.js';
import { fmtInt, fmtInterval, fmtNum } from '../format.js';
import { renderGraph, renderHeatmap, renderPeriods } from './chart.js';
import { renderGroups, renderNaive } from './tables.js';

const $ = (id) => document.getElementById(id);

export { clearMessage, showMessage, showProgress } from '../page-status.js';

const NO_CI = 'n/a (no bootstrap: set replicates > 0)';

function card(kind, title, big, ci) {
  return el('section', { class: 'headline-card', dataset: { kind } }, el('h3', {}, title), el('p', { class: 'big' }, big ?? 'n/a'), el('p', { class: 'ci' }, ci ? `95% CI ${ci}` : NO_CI));
}

const width = () => Math.max(480, Math.min($('chart').clientWidth || 760, 900));

/** Only the score's parts: cards, chart, naive comparison (and the truth when revealed), groups (a shock edit). */
export function showScore(score, { scoreMs, truth = null }) {
  const t = score.total;
  const d = score.definitions;
  $('headline').replaceChildren(
    card('baseline', 'Baseline spend', fmtNum(t.baseline), fmtInterval(t.baseline_ci)),
    card('counterfactual', 'Counterfactual spend', fmtNum(t.counterfactual), fmtInterval(t.counterfactual_ci)),
    card('incremental', 'Incremental spend (value of what the shock removes)', fmtNum(t.incremental), fmtInterval(t.incremental_ci)),
  );
  $('headline-definitions').replaceChildren(
    ...dl([
      ['Baseline', d.baseline],
      ['Counterfactual', d.counterfactual],
      ['Incremental', d.incremental],
      ['95% CI', d.incremental_ci],
      ['CI given this panel', t.incremental_ci_given_panel ? `${fmtInterval(t.incremental_ci_given_panel)}: ${d.incremental_ci_given_panel}` : null],
      ['Window', `weeks ${score.window.from}–${score.window.to}: ${d.window}`],
      ['Re-score time', 'wall-clock time of the last scoring, page → engine worker → page (the model is not refitted)'],
    ]).childNodes,
  );
  $('score-time').textContent = `scored in ${fmtInt(scoreMs)} ms`;
  $('score-time').dataset.ms = String(Math.round(scoreMs));
  renderPeriods($('chart'), score, { width: width() });
  renderNaive($('naive-out'), score, truth);
  renderGroups($('groups'), score);
}

function fillPeriods(model) {
  const periods = [...new Set(model.equations.map((e) => e.period))].sort((a, b) => a - b);
  const select = $('coef-period');
  const current = Number(select.value);
  select.replaceChildren(...periods.map((p) => el('option', { value: String(p) }, String(p))));
  select.value = String(periods.includes(current) ? current : periods[periods.length - 1]);
}

export function showHeatmap(trained) {
  renderHeatmap($('heatmap'), trained.model, Number($('coef-period').value), { width: width() });
}

export function showResult(trained, score, { label, trainMs, scoreMs, truth = null }) {
  $('placeholder').hidden = true;
  $('results').hidden = false;
  const s = trained.summary ?? trained; // the core answers the summary at the top level beside `model`
  const cfg = trained.model.config;
  $('summary').replaceChildren(
    el('span', {}, label),
    el('span', {}, `${fmtInt(s.customers)} customers × ${fmtInt(trained.model.periods)} weeks`),
    el('span', {}, `${fmtInt(s.equations)} equations, lags ${cfg.lags}, same-period ${cfg.same_period ? 'on' : 'off'}, ridge ${fmtNum(cfg.ridge)}`),
    el('span', {}, s.bootstrap ? `bootstrap B = ${s.bootstrap}` : 'no bootstrap'),
    el('span', { id: 'train-time', dataset: { ms: String(Math.round(trainMs)) } }, `trained in ${fmtInt(trainMs)} ms`),
    el('span', { id: 'score-time' }),
  );
  showScore(score, { scoreMs, truth });
  renderGraph($('graph'), trained.model, { width: width() });
  fillPeriods(trained.model);
  showHeatmap(trained);
  const d = trained.definitions ?? s.definitions ?? {};
  $('train-definitions').replaceChildren(...dl(Object.entries(d)).childNodes);
}
