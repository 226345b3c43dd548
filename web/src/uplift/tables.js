// The analyst's tables (under Details): the learner comparison (its lead column is what each model's own
// ranking earns at the current cost and value, so it differs between learners), the fixed policies'
// off-policy values, the sleeping-dog segments, calibration and RATE. Every number is rounded by the kit's
// formatter and carries the exact value in data-value (the tests compare it with the CLI). A missing
// number is "n/a" with its reason, never NaN.
import { el, dl } from '../dom.js';
import { count, num, pct, range } from '../kit/format.js';
import { LEARNERS } from './runs.js';

const finite = (x) => typeof x === 'number' && Number.isFinite(x);

/** A table cell: the rounded text, the exact number in data-value; n/a with its reason. */
export function cell(x, text, reason, kind, extra = {}) {
  if (text != null && text !== 'n/a') return el('td', { class: 'num', dataset: { kind, value: finite(x) ? String(x) : '', ...extra } }, text);
  return el('td', { class: 'num na', dataset: { kind, value: '' }, title: reason }, 'n/a', el('span', { class: 'na-reason' }, ` (${reason})`));
}

/** A number or {estimate|value, se}: the number. */
export const scalar = (x) => (finite(x) ? x : finite(x?.estimate) ? x.estimate : finite(x?.value) ? x.value : null);
const seOf = (x) => (finite(x?.se) ? x.se : null);
const withSe = (x) => {
  const v = scalar(x);
  if (v == null) return null;
  const se = seOf(x);
  return se == null ? num(v) : `${num(v)} ± ${num(se, { digits: 2 })}`;
};
const seCell = (x, reason, kind) => cell(scalar(x), withSe(x), reason, kind, seOf(x) != null ? { se: String(seOf(x)) } : {});
const interval = (ci) => (Array.isArray(ci) && finite(ci[0]) && finite(ci[1]) ? range(ci[0], ci[1]) : null);
const ciCell = (ci, reason, kind) => cell(null, interval(ci), reason, kind, interval(ci) ? { lo: String(ci[0]), hi: String(ci[1]) } : {});

// The comparison's metric columns: key in results[].metrics (or a getter), header, why it may be missing.
const METRICS = [
  ['qini_sklift', 'Qini (sklift)', (r) => r.metrics?.qini_sklift, 'binary outcomes only'],
  ['auuc_sklift', 'AUUC (sklift)', (r) => r.metrics?.auuc_sklift, 'binary outcomes only'],
  ['qini_causalml', 'Qini (CausalML)', (r) => r.metrics?.qini_causalml, 'the Qini curve ends at 0'],
  ['auuc_causalml', 'AUUC (CausalML)', (r) => r.metrics?.auuc_causalml, 'the uplift curve ends at 0'],
  ['qini_area_over_random', 'Qini area over random', (r) => r.metrics?.qini_area_over_random, 'not reported'],
  ['uplift_area_over_random', 'Uplift area over random', (r) => r.metrics?.uplift_area_over_random, 'not reported'],
];

/** A metric block's definition: the core's `definitions[key]`, or the closest parent's. */
export function definitionOf(defs, key) {
  for (let k = key; k; k = k.includes('.') ? k.slice(0, k.lastIndexOf('.')) : '') if (defs?.[k]) return defs[k];
  return null;
}

/**
 * answers: [{learner, result?, error?, pending?}]; arm: the arm shown; lead(answer) → {share, net} or null:
 * what that learner's own cost-aware choice earns (the lead column). A failed learner keeps its row with the
 * core's message; one still fitting says so.
 */
export function renderComparison(container, answers, arm, defs, { lead, money, unit }) {
  const pick = (a) => a.result?.results.find((r) => r.arm === arm) ?? a.result?.results[0];
  const entries = answers.map((a) => ({ ...a, r: pick(a), lead: a.result ? lead(a) : null }));
  const has = (get) => entries.some((e) => e.r && get(e.r) != null);
  const extra = [
    ['r_loss.model', 'R-loss', (r) => (finite(r.r_loss) ? r.r_loss : r.r_loss?.model), 'not in this answer'],
    ['r_loss.relative_improvement', 'R-loss gain vs constant', (r) => r.r_loss?.relative_improvement, 'not in this answer'],
    ['rate.autoc', 'RATE (AUTOC) ± se', (r) => r.rate?.autoc, 'not in this answer'],
    ['rate.qini', 'RATE (Qini) ± se', (r) => r.rate?.qini, 'not in this answer'],
  ].filter(([, , get]) => has(get));
  const columns = [...METRICS, ...extra];
  const best = {};
  for (const [key, , get] of columns) {
    const values = entries.map((e) => (e.r ? scalar(get(e.r)) : null)).filter(finite);
    // The lowest R-loss is best; for every other metric the highest.
    if (values.length > 1) best[key] = key === 'r_loss.model' ? Math.min(...values) : Math.max(...values);
  }
  const nets = entries.map((e) => e.lead?.net).filter(finite);
  const bestNet = nets.length > 1 ? Math.max(...nets) : null;
  // What the ranking adds over a random choice, in units of outcome: the uplift curve's area over the random
  // line (per customer, averaged over shares) times the customers compared.
  const over = (r) => (finite(r?.metrics?.uplift_area_over_random) && finite(r?.curves?.n) ? r.metrics.uplift_area_over_random * r.curves.n : null);
  const overs = entries.map((e) => over(e.r)).filter(finite);
  const bestOver = overs.length > 1 ? Math.max(...overs) : null;
  const width = 6 + columns.length;
  const head = el(
    'tr',
    {},
    el('th', {}, 'Learner'),
    el('th', { title: 'extra outcome its ranking gets over a random choice of the same size, averaged over all shares (uplift area over random × customers)' }, `Extra ${unit.many} over a random choice`),
    el('th', { title: 'net value (value of the extra outcome minus the cost) of sending to the share this learner’s ranking picks at the current cost and value' }, 'Net value of its choice'),
    el('th', { title: 'the share this learner’s ranking picks: every customer in it is predicted to be worth the cost' }, 'Share it sends to'),
    el('th', { title: defs?.ate_dr }, 'Average effect (DR) ± se'),
    el('th', { title: defs?.ate_dr }, '95% interval'),
    columns.map(([key, label]) => el('th', { title: definitionOf(defs, key) ?? '' }, label)),
  );
  const rows = entries.map((e) => {
    const name = LEARNERS[e.learner] ?? e.learner;
    if (e.pending) return el('tr', { dataset: { learner: e.learner, pending: 'true' } }, el('th', { scope: 'row' }, name), el('td', { class: 'muted', colspan: String(width - 1) }, 'fitting in the background…'));
    if (e.error) return el('tr', { dataset: { learner: e.learner, failed: 'true' } }, el('th', { scope: 'row' }, name), el('td', { class: 'failed', colspan: String(width - 1) }, e.error.message));
    const r = e.r;
    const netCell = cell(e.lead?.net, e.lead ? money(e.lead.net) : null, 'no policy curve', 'lead-net');
    if (finite(bestNet) && e.lead?.net === bestNet) netCell.classList.add('best');
    const gain = over(r);
    const gainCell = cell(gain, finite(gain) ? num(gain) : null, 'not reported', 'lead-gain');
    if (finite(bestOver) && gain === bestOver) gainCell.classList.add('best');
    return el(
      'tr',
      { dataset: { learner: e.learner } },
      el('th', { scope: 'row' }, name),
      gainCell,
      netCell,
      cell(e.lead?.share, e.lead ? pct(e.lead.share) : null, 'no policy curve', 'lead-share'),
      seCell(r.ate_dr, 'not reported', 'ate'),
      ciCell(r.ate_dr?.ci, 'not reported', 'ate-ci'),
      columns.map(([key, , get, reason]) => {
        const v = scalar(get(r));
        const c = key.startsWith('rate.') ? seCell(get(r), reason, key) : cell(v, finite(v) ? num(v) : null, reason, key);
        if (finite(v) && v === best[key]) c.classList.add('best');
        return c;
      }),
    );
  });
  const vs = entries.find((e) => e.r)?.r.vs ?? 'control';
  const table = el('table', { class: 'result-table', id: 'comparison-table' }, el('caption', {}, `Learners compared on the same out-of-fold evaluation${arm ? `: ${arm} vs ${vs}` : ''} (bold: best in the column)`), el('thead', {}, head), el('tbody', {}, rows));
  container.replaceChildren(
    el(
      'div',
      { class: 'table-block', tabindex: '0', role: 'region', 'aria-label': 'Learner comparison table' },
      table,
    ),
    dl([
      [`Extra ${unit.many} over a random choice`, 'each learner ranks the customers its own way; this is how much more outcome its ranking gets than a random order, averaged over every share sent (the uplift curve’s area over the random line, times the customers compared)'],
      ['Net value of its choice', 'each learner ranks the customers its own way; this is the doubly robust net value of sending to the customers it predicts are worth the cost'],
      ['Average effect (DR)', defs?.ate_dr],
      ...columns.map(([key, label]) => [label, definitionOf(defs, key)]),
      ['Why several AUUC/Qini', 'uplift libraries normalise the areas differently (scikit-uplift divides by the perfect ranking, CausalML by the last point, others subtract the random line): each number here names its definition; compare learners within one column.'],
    ], { id: 'comparison-definitions' }),
  );
}

const POLICY_NAMES = {
  treat_none: 'Treat no one',
  treat_all: 'Treat everyone',
  learned_threshold: 'Learned: predicted uplift > threshold',
  learned_top: 'Learned: top share by predicted uplift',
  random_same_rate: 'Random, same treated share as the threshold policy',
  learned_cost_aware: 'Learned, cost-aware: value × predicted uplift > cost',
};

export function renderPolicies(container, r, defs, { threshold, topShare }) {
  const net = (r.policies ?? []).some((p) => p.net_value !== undefined);
  const Z = 1.959963984540054;
  const gainCi = (p) => (finite(p.dr_gain) && finite(p.dr_gain_se) ? [p.dr_gain - Z * p.dr_gain_se, p.dr_gain + Z * p.dr_gain_se] : null);
  const table = el(
    'table',
    { class: 'result-table', id: 'policies-table' },
    el('caption', {}, `Off-policy value of fixed policies (threshold ${num(threshold)}, top share ${pct(topShare)})`),
    el(
      'thead',
      {},
      el('tr', {}, el('th', {}, 'Policy'), el('th', { title: 'share of the compared rows the policy treats' }, 'Treated'), el('th', { title: defs?.['policies.ipw'] }, 'IPW'), el('th', { title: defs?.['policies.snipw'] }, 'SNIPW'), el('th', { title: defs?.['policies.dr'] }, 'DR value'), el('th', { title: defs?.['policies.dr_gain'] }, 'DR gain vs no one'), el('th', { title: defs?.['policies.dr_gain'] }, '95% interval of the gain'), net && el('th', { title: defs?.['policies.net_value'] }, 'Net value ± se')),
    ),
    el(
      'tbody',
      {},
      (r.policies ?? []).map((p) =>
        el(
          'tr',
          { dataset: { policy: p.policy } },
          el('th', { scope: 'row', title: defs?.[`policies.${p.policy}`] ?? '' }, POLICY_NAMES[p.policy] ?? p.policy),
          cell(p.treated_share, finite(p.treated_share) ? pct(p.treated_share) : null, 'not reported', 'share'),
          seCell({ estimate: p.ipw, se: p.ipw_se }, 'no rows', 'ipw'),
          seCell({ estimate: p.snipw, se: p.snipw_se }, 'no weight', 'snipw'),
          seCell({ estimate: p.dr, se: p.dr_se }, 'no rows', 'dr'),
          seCell({ estimate: p.dr_gain, se: p.dr_gain_se }, 'no rows', 'dr-gain'),
          ciCell(gainCi(p), 'no standard error', 'dr-gain-ci'),
          net && seCell({ estimate: p.net_value, se: p.net_value_se }, 'not reported', 'net'),
        ),
      ),
    ),
  );
  container.replaceChildren(
    el('div', { class: 'table-block', tabindex: '0', role: 'region', 'aria-label': 'Fixed policies table' }, table),
    dl([
      ['IPW', defs?.['policies.ipw']],
      ['SNIPW', defs?.['policies.snipw']],
      ['DR value', defs?.['policies.dr']],
      ['DR gain', defs?.['policies.dr_gain']],
      ['Cost-aware', r.cost_model ? `${defs?.['policies.learned_cost_aware'] ?? ''} (cost ${num(r.cost_model.cost)}, value ${num(r.cost_model.value)}, threshold ${num(r.cost_model.threshold)})` : null],
      ['Net value', net ? defs?.['policies.net_value'] : null],
      ['± and interval', 'standard error, and the normal 95% interval estimate ± 1.96 se'],
    ]),
  );
}

/** Sleeping dogs: the core's segments (a shallow tree on the predicted change). */
export function renderSegments(container, r, defs) {
  const info = r?.segments;
  const list = Array.isArray(info?.leaves) ? info.leaves : null;
  if (!list) {
    container.replaceChildren(el('p', { class: 'muted', id: 'segments-none' }, 'Sleeping-dog segments: n/a (this answer has no segments).'));
    return;
  }
  const flags = (s) => [s.sleeping_dogs && 'sleeping dogs (interval below 0)', s.possibly_negative && 'possibly negative (interval reaches 0)'].filter(Boolean).join(', ');
  const table = el(
    'table',
    { class: 'result-table', id: 'segments-table' },
    el('caption', {}, 'Segments by a shallow tree on the predicted change: negative ones are “sleeping dogs” (treating them lowers the outcome)'),
    el(
      'thead',
      {},
      el('tr', {}, el('th', { title: 'the leaf’s path through the tree' }, 'Segment (rule)'), el('th', {}, 'Rows'), el('th', { title: 'mean predicted change in the segment' }, 'Predicted change'), el('th', { title: 'doubly robust estimate of the segment’s change' }, 'DR estimate'), el('th', {}, '95% interval'), el('th', {}, 'Flags')),
    ),
    el(
      'tbody',
      {},
      list.length
        ? list.map((s, i) =>
            el(
              'tr',
              { dataset: { segment: String(i), negative: String(finite(s.dr) && s.dr < 0), sleeping: String(Boolean(s.sleeping_dogs)) } },
              el('th', { scope: 'row' }, s.rule ?? `segment ${i + 1}`),
              cell(s.rows, finite(s.rows) ? count(s.rows, { exact: true }) : null, 'not reported', 'rows'),
              cell(s.predicted, finite(s.predicted) ? num(s.predicted) : null, 'not reported', 'predicted'),
              seCell({ estimate: s.dr, se: s.dr_se }, 'not reported', 'dr'),
              ciCell(s.ci, 'no standard error', 'ci'),
              el('td', {}, flags(s)),
            ),
          )
        : el('tr', {}, el('td', { colspan: '6', class: 'muted' }, 'no segment: the tree found no split worth reporting')),
    ),
  );
  const note = el('p', { class: 'hint muted', id: 'segments-summary' }, `Tree depth ${info.depth ?? 'n/a'}, at least ${count(info.min_leaf)} rows per leaf; ${pct(info.share_negative)} of the customers have a negative predicted change; ${info.any_sleeping_dogs ? 'some segment is a sleeping dog: its whole interval lies below 0.' : 'no segment’s interval lies wholly below 0.'}`);
  const segDefs = Object.entries(defs ?? {}).filter(([k]) => k.startsWith('segments'));
  container.replaceChildren(el('div', { class: 'table-block', tabindex: '0', role: 'region', 'aria-label': 'Segments table' }, table), note, dl(segDefs.length ? segDefs : [['Sleeping dogs', 'customers whose change is negative: the treatment makes them less likely to act']]));
}

const COEF_COLUMNS = [
  ['estimate', 'Estimate'],
  ['se', 'se'],
  ['t', 't'],
  ['p_greater_zero', 'p (> 0)'],
  ['p_equal_one', 'p (= 1)'],
];

/** The best-linear-predictor calibration test: one row per coefficient, then the definitions. */
export function renderCalibration(container, calibration, defs) {
  if (!calibration?.mean_prediction) return container.replaceChildren(el('p', { class: 'muted' }, 'Calibration: n/a (not in this answer).'));
  const rows = [
    ['mean_prediction', 'Mean prediction (1 = right on average)'],
    ['differential_prediction', 'Differential prediction (1 = spread right, > 0 = real differences between customers)'],
  ];
  const table = el(
    'table',
    { class: 'result-table', id: 'calibration-table' },
    el('caption', {}, `Calibration: best linear predictor test (grf test_calibration) on ${count(calibration.rows, { exact: true })} rows`),
    el('thead', {}, el('tr', {}, el('th', {}, 'Coefficient'), COEF_COLUMNS.map(([, label]) => el('th', {}, label)))),
    el(
      'tbody',
      {},
      rows.map(([key, label]) =>
        el('tr', { dataset: { coef: key } }, el('th', { scope: 'row', title: defs?.[`calibration.${key}`] ?? '' }, label), COEF_COLUMNS.map(([k]) => {
          const v = calibration[key]?.[k];
          return cell(v, finite(v) ? (k.startsWith('p_') ? (v < 0.001 ? '< 0.001' : num(v, { digits: 2 })) : num(v)) : null, 'not reported', k);
        })),
      ),
    ),
  );
  container.replaceChildren(el('div', { class: 'table-block', tabindex: '0', role: 'region', 'aria-label': 'Calibration table' }, table), dl([['Mean prediction', defs?.['calibration.mean_prediction']], ['Differential prediction', defs?.['calibration.differential_prediction']]]));
}

/** RATE (AUTOC and Qini weighting) with bootstrap se and interval. */
export function renderRate(container, rate, defs) {
  if (!rate?.autoc) return container.replaceChildren(el('p', { class: 'muted' }, 'RATE: n/a (not in this answer).'));
  const table = el(
    'table',
    { class: 'result-table', id: 'rate-table' },
    el('caption', {}, `RATE: how much better than random the ranking by predicted change targets (${count(rate.replicates, { exact: true })} bootstrap replicates)`),
    el('thead', {}, el('tr', {}, el('th', {}, 'Weighting'), el('th', {}, 'Estimate'), el('th', { title: defs?.['rate.se'] }, 'se'), el('th', { title: defs?.['rate.se'] }, '95% interval'))),
    el(
      'tbody',
      {},
      [['autoc', 'AUTOC'], ['qini', 'Qini']].map(([key, label]) =>
        el('tr', { dataset: { rate: key } }, el('th', { scope: 'row', title: defs?.[`rate.${key}`] ?? '' }, label), cell(rate[key]?.estimate, finite(rate[key]?.estimate) ? num(rate[key].estimate) : null, 'not reported', 'estimate'), cell(rate[key]?.se, finite(rate[key]?.se) ? num(rate[key].se) : null, 'not reported', 'se'), ciCell(rate[key]?.ci, 'no se', 'ci')),
      ),
    ),
  );
  container.replaceChildren(el('div', { class: 'table-block', tabindex: '0', role: 'region', 'aria-label': 'RATE table' }, table), dl([['AUTOC', defs?.['rate.autoc']], ['Qini', defs?.['rate.qini']], ['se and interval', defs?.['rate.se']]]));
}
