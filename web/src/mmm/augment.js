// Step 7, "Would more (augmented) data help?": the core's causal_augment (ADMG data augmentation, Teshima &
// Sugiyama 2021) along step 6's graph: target = the KPI, features = the channels and controls, edges = the
// graph's adjustment DAG (its directed edges, and its undirected ones oriented as the adjustment sets read
// them, which the reading says). Held-out RMSE of the core's GBM without and with augmentation, a θ sweep and
// the core's verdict. Bounded (max_points 5,000, four θ) and lazy: it runs only once step 7 comes near the
// screen, then again after each change of the graph.
import { Plot, chart, COLORS, tickFormat, widthOf } from '../kit/plot.js';
import { dl, el } from '../dom.js';
import { count, num, pct } from '../kit/format.js';
import { details, setStep, value } from '../kit/story.js';

const $ = (id) => document.getElementById(id);
const joinAnd = (xs) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);
export const AUGMENT = Object.freeze({ theta: 1e-8, thetas: [0, 1e-8, 1e-6, 1e-4], max_points: 5000, holdout: 0.3 });
const massText = (m) => (m > 0 && m < 1e-4 ? 'under 0.01%' : pct(m, { digits: 2 }));
const thetaText = (t) => (t === 0 ? '0' : t < 0.01 ? t.toExponential().replace('e-', 'e\u2212') : num(t));

/** The core's options for a graph (step 6's result) and the fit's seed. */
export function augmentOptions(g, seed) {
  const dag = g.result.adjustment_dag?.edges ?? g.result.edges.filter((e) => e.directed);
  return { target: g.kpi, features: g.columns.filter((c) => c !== g.kpi), edges: dag.map((e) => [e.from, e.to]), seed, ...AUGMENT };
}

export function createAugment({ sources }) {
  let graph = null; // {g, seed}
  let visible = false;
  let ran = null; // the graph the shown result is for
  let runs = 0;

  const observer = typeof IntersectionObserver === 'function' ? new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    visible = true;
    observer.disconnect();
    maybeRun();
  }, { rootMargin: '200px' }) : null;
  if (observer) observer.observe($('step-7'));
  else visible = true;

  /** Step 6 found a graph: rerun when step 7 has been seen. */
  function setGraph(g, seed) {
    graph = { g, seed };
    if (!visible) setStep('step-7', 'Scroll here to check whether augmented data would help the model predict (a few seconds)…', undefined);
    maybeRun();
  }

  async function maybeRun() {
    if (!visible || !graph || ran === graph) return;
    const current = graph;
    ran = current;
    const seq = ++runs;
    const { g, seed } = current;
    const options = augmentOptions(g, seed);
    $('step-7').dataset.busy = 'true';
    $('augment-status').textContent = 'Training the model with and without augmented data…';
    let r;
    try {
      r = await sources.run(g.entry, 'causal_augment', options);
    } catch (error) {
      if (seq !== runs) return;
      delete $('step-7').dataset.busy;
      $('augment-status').textContent = error.code === 'cancelled' ? '' : `Could not check the augmentation: ${error.message}.`;
      if (error.code === 'cancelled') ran = null;
      return;
    }
    if (seq !== runs) return;
    delete $('step-7').dataset.busy;
    $('augment-status').textContent = '';
    render(r, g, options);
  }

  function render(r, g, options) {
    const { name, w } = g;
    const oriented = g.result.edges.filter((e) => !e.directed).map((e) => {
      const d = g.result.adjustment_dag.edges.find((x) => (x.from === e.from && x.to === e.to) || (x.from === e.to && x.to === e.from));
      return d ? `${name(d.from)} → ${name(d.to)}` : null;
    }).filter(Boolean);
    const better = r.improvement > 0;
    const reading = [
      `Predicting ${w.kpi} from ${joinAnd(g.columns.filter((c) => c !== g.kpi).map(name))} on `, value(r.test_rows, count(r.test_rows)), ` held-out weeks (the model learns on the other ${count(r.train_rows)}): the error (RMSE) is `,
      value(r.rmse_without, `${num(r.rmse_without)} ${w.kpi}`, { 'data-kind': 'rmse-without' }), ' without augmentation and ',
      value(r.rmse_with, `${num(r.rmse_with)} ${w.kpi}`, { 'data-kind': 'rmse-with' }), ` with ${count(r.augmented_points)} augmented points drawn along the graph (θ = ${thetaText(r.theta)}): `,
      value(r.improvement, r.improvement === 0 ? 'no change' : `${pct(Math.abs(r.improvement), { digits: 2 })} ${better ? 'lower' : 'higher'} with augmentation`, { 'data-kind': 'improvement' }), '. ',
      oriented.length ? `The graph left ${oriented.length === 1 ? 'one edge' : `${count(oriented.length)} edges`} undirected; here ${oriented.length === 1 ? 'it is' : 'they are'} taken as ${oriented.join(', ')}, as the adjustment sets read ${oriented.length === 1 ? 'it' : 'them'}. ` : '',
      el('span', { class: 'verdict', 'data-kind': 'verdict' }, r.verdict),
    ];
    const width = widthOf($('step-7').querySelector('.step-chart'), { min: 280, max: 760 });
    const rows = [
      { label: 'without augmentation', rmse: r.rmse_without, main: false, without: true },
      ...r.sweep.map((s) => ({ label: `with, θ = ${thetaText(s.theta)}${width < 500 ? '' : ` (${count(s.augmented_points)} points)`}`, rmse: s.rmse_with, main: s.theta === r.theta, without: false })),
    ];
    const figure = chart({
      width,
      height: 40 + 34 * rows.length,
      marginLeft: Math.min(230, width * 0.5),
      x: { label: `held-out RMSE (${w.kpi})`, grid: true, tickFormat: tickFormat(num), ticks: width < 500 ? 2 : 5 },
      y: { label: null, domain: rows.map((d) => d.label) },
      marks: [
        Plot.barX(rows, { x: 'rmse', y: 'label', fill: (d) => (d.without || d.rmse === r.rmse_without ? COLORS.muted : d.rmse < r.rmse_without ? COLORS.good : COLORS.other), insetTop: 6, insetBottom: 6 }),
        Plot.ruleX([r.rmse_without], { stroke: '#333', strokeDasharray: '3,3' }),
        Plot.text(rows, { x: 'rmse', y: 'label', text: (d) => num(d.rmse), dx: -4, textAnchor: 'end', fill: 'white', fontWeight: 600 }),
        Plot.ruleX([0]),
      ],
    }, `Held-out error of the model: ${rows.map((d) => `${d.label} ${num(d.rmse)} ${w.kpi}`).join('; ')}. Shorter is better; the dashed line is the error without augmentation.`);
    const sweep = el('p', { class: 'hint' }, 'The θ sweep (θ prunes augmented points lighter than θ rows): ',
      ...r.sweep.flatMap((s, i) => [i ? '; ' : '', `θ = ${thetaText(s.theta)}: `, value(s.rmse_with, `${num(s.rmse_with)} ${w.kpi}`, { 'data-kind': `sweep-${i}` }), ` with ${count(s.augmented_points)} points (${massText(s.kept_mass)} of the factorised distribution kept)`]), '.');
    setStep('step-7', reading, el('div', { class: 'chart-stack' }, figure, sweep));
    $('step-7').dataset.options = JSON.stringify(options);
    const th = (t) => el('th', { scope: 'col' }, t);
    const table = el('div', { class: 'table-block' }, el('table', { class: 'result-table', id: 'augment-table' }, el('caption', {}, `Augmentation: ${count(r.train_rows)} training and ${count(r.test_rows)} held-out weeks, kernel bandwidth ${num(r.bandwidth)} (standardised), at most ${count(options.max_points)} points`),
      el('thead', {}, el('tr', {}, th('θ (rows)'), th('held-out RMSE with'), th('augmented points'), th('kept mass'))),
      el('tbody', {}, el('tr', {}, el('th', { scope: 'row' }, 'without'), el('td', { class: 'num' }, value(r.rmse_without, num(r.rmse_without, { digits: 4 }))), el('td', { class: 'num' }, '0'), el('td', { class: 'num' }, '—')),
        ...r.sweep.map((s) => el('tr', {}, el('th', { scope: 'row' }, thetaText(s.theta)), el('td', { class: 'num' }, value(s.rmse_with, num(s.rmse_with, { digits: 4 }))), el('td', { class: 'num' }, count(s.augmented_points)), el('td', { class: 'num' }, value(s.kept_mass, massText(s.kept_mass))))))));
    const edges = el('p', {}, `The DAG used: ${r.edges.map((e) => `${name(e.from)} → ${name(e.to)}`).join(', ') || 'no edges (every variable independent)'}.`);
    $('augment-details').replaceChildren(details('Augmentation: the sweep and the definitions', table, edges, dl(Object.entries(r.definitions ?? {}))));
  }

  return { setGraph };
}
