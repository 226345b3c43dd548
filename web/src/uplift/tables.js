// The page's tables: the learner comparison (every metric names its
// definition), the fixed policies' off-policy values, the sleeping-dog
// segments, and a definition list for any numbers block the core adds
// (calibration, RATE). Missing numbers are "n/a" with a reason, never NaN.
import { el, dl } from '../dom.js';
import { fmtInt, fmtInterval, fmtNum, fmtPct } from '../format.js';
import { LEARNERS } from './runs.js';


export function num(text, reason, kind) {
  if (text != null) return el('td', { class: 'num', dataset: { kind } }, text);
  return el('td', { class: 'num na', dataset: { kind }, title: reason }, 'n/a', el('span', { class: 'na-reason' }, ` (${reason})`));
}

const finite = (x) => typeof x === 'number' && Number.isFinite(x);
/** A number or {estimate|value, se}: the number. */
export const scalar = (x) => (finite(x) ? x : finite(x?.estimate) ? x.estimate : finite(x?.value) ? x.value : null);
const seOf = (x) => (finite(x?.se) ? x.se : null);
const withSe = (x) => {
  const v = fmtNum(scalar(x));
  const se = fmtNum(seOf(x));
  return v == null ? null : se == null ? v : `${v} ± ${se}`;
};

// The comparison's metric columns: key in results[].metrics (or a getter), header, fallback definition.
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
 * answers: [{learner, result?, error?}]; arm: the arm shown. A failed learner
 * keeps its row, with the core's message.
 */
export function renderComparison(container, answers, arm, defs) {
  const pick = (a) => a.result?.results.find((r) => r.arm === arm) ?? a.result?.results[0];
  const entries = answers.map((a) => ({ ...a, r: pick(a) }));
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
  const head = el(
    'tr',
    {},
    el('th', {}, 'Learner'),
    el('th', { title: defs?.ate_dr }, 'ATE (DR) ± se'),
    el('th', { title: defs?.ate_dr }, '95% CI'),
    columns.map(([key, label]) => el('th', { title: definitionOf(defs, key) ?? '' }, label)),
  );
  const rows = entries.map((e) => {
    const name = LEARNERS[e.learner] ?? e.learner;
    if (e.error) {
      return el('tr', { dataset: { learner: e.learner, failed: 'true' } }, el('th', { scope: 'row' }, name), el('td', { class: 'failed', colspan: String(2 + columns.length) }, e.error.message));
    }
    const r = e.r;
    return el(
      'tr',
      { dataset: { learner: e.learner } },
      el('th', { scope: 'row' }, name),
      num(withSe(r.ate_dr), 'not reported', 'ate'),
      num(fmtInterval(r.ate_dr?.ci), 'not reported', 'ate-ci'),
      columns.map(([key, , get, reason]) => {
        const v = scalar(get(r));
        const cell = num(key.startsWith('rate.') ? withSe(get(r)) : fmtNum(v), reason, key);
        if (finite(v) && v === best[key]) cell.classList.add('best');
        return cell;
      }),
    );
  });
  const table = el('table', { class: 'result-table', id: 'comparison-table' }, el('caption', {}, `Learners compared on the same out-of-fold evaluation${arm ? `: ${arm} vs ${entries.find((e) => e.r)?.r.vs ?? 'control'}` : ''} (bold: best in the column)`), el('thead', {}, head), el('tbody', {}, rows));
  container.replaceChildren(
    el(
      'div',
      { class: 'table-block' },
      table,
      dl([
        ['ATE (DR)', defs?.ate_dr],
        ...columns.map(([key, label]) => [label, definitionOf(defs, key)]),
        ['Why several AUUC/Qini', 'uplift libraries normalise the areas differently (scikit-uplift divides by the perfect ranking, CausalML by the last point, others subtract the random line): each number here names its definition; compare learners within one column.'],
      ], { id: 'comparison-definitions' }),
    ),
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
  const ci = (v, se) => (finite(v) && finite(se) ? fmtInterval([v - 1.959963984540054 * se, v + 1.959963984540054 * se]) : null);
  const table = el(
    'table',
    { class: 'result-table', id: 'policies-table' },
    el('caption', {}, `Off-policy value of fixed policies (threshold ${fmtNum(threshold)}, top share ${fmtPct(topShare)})`),
    el(
      'thead',
      {},
      el('tr', {}, el('th', {}, 'Policy'), el('th', { title: 'share of the compared rows the policy treats' }, 'Treated'), el('th', { title: defs?.['policies.ipw'] }, 'IPW'), el('th', { title: defs?.['policies.snipw'] }, 'SNIPW'), el('th', { title: defs?.['policies.dr'] }, 'DR value'), el('th', { title: defs?.['policies.dr_gain'] }, 'DR gain vs no one'), el('th', { title: defs?.['policies.dr_gain'] }, '95% CI of the gain'), net && el('th', { title: defs?.['policies.net_value'] }, 'Net value ± se')),
    ),
    el(
      'tbody',
      {},
      (r.policies ?? []).map((p) =>
        el(
          'tr',
          { dataset: { policy: p.policy } },
          el('th', { scope: 'row', title: defs?.[`policies.${p.policy}`] ?? '' }, POLICY_NAMES[p.policy] ?? p.policy),
          num(fmtPct(p.treated_share), 'not reported', 'share'),
          num(withSe({ estimate: p.ipw, se: p.ipw_se }), 'no rows', 'ipw'),
          num(withSe({ estimate: p.snipw, se: p.snipw_se }), 'no weight', 'snipw'),
          num(withSe({ estimate: p.dr, se: p.dr_se }), 'no rows', 'dr'),
          num(withSe({ estimate: p.dr_gain, se: p.dr_gain_se }), 'no rows', 'dr-gain'),
          num(ci(p.dr_gain, p.dr_gain_se), 'no standard error', 'dr-gain-ci'),
          net && num(withSe({ estimate: p.net_value, se: p.net_value_se }), 'not reported', 'net'),
        ),
      ),
    ),
  );
  container.replaceChildren(
    el(
      'div',
      { class: 'table-block' },
      table,
      dl([
        ['IPW', defs?.['policies.ipw']],
        ['SNIPW', defs?.['policies.snipw']],
        ['DR value', defs?.['policies.dr']],
        ['DR gain', defs?.['policies.dr_gain']],
        ['Cost-aware', r.cost_model ? `${defs?.['policies.learned_cost_aware'] ?? ''} (cost ${fmtNum(r.cost_model.cost)}, value ${fmtNum(r.cost_model.value)}, threshold ${fmtNum(r.cost_model.threshold) ?? 'n/a'})` : null],
        ['Net value', net ? defs?.['policies.net_value'] : null],
        ['± and CI', 'standard error, and the normal 95% interval estimate ± 1.96 se'],
      ]),
    ),
  );
}

// Sleeping dogs: the core's segments (a shallow tree on the CATE), field names read tolerantly.
const pickNum = (s, ...keys) => {
  for (const k of keys) {
    const v = scalar(s?.[k]);
    if (v != null) return v;
  }
  return null;
};

export function renderSegments(container, r, defs) {
  const segments = Array.isArray(r?.segments) ? r.segments : r?.segments?.leaves;
  if (!Array.isArray(segments)) {
    container.replaceChildren(el('p', { class: 'muted', id: 'segments-none' }, 'Sleeping-dog segments: n/a (this build of the core does not report segments).'));
    return;
  }
  const list = segments;
  const flags = (s) => [s.sleeping_dogs && 'sleeping dogs (CI below 0)', s.possibly_negative && 'possibly negative (CI reaches 0)', ...(Array.isArray(s.flags) ? s.flags : [])].filter(Boolean).join(', ');
  const table = el(
    'table',
    { class: 'result-table', id: 'segments-table' },
    el('caption', {}, 'Segments by a shallow tree on the predicted uplift: negative ones are “sleeping dogs” (treating them lowers the outcome)'),
    el(
      'thead',
      {},
      el('tr', {}, el('th', { title: definitionOf(defs, 'segments.rule') ?? 'the leaf’s path through the tree' }, 'Segment (rule)'), el('th', { title: 'rows in the segment' }, 'Rows'), el('th', { title: definitionOf(defs, 'segments.predicted') ?? 'mean predicted uplift in the segment' }, 'Predicted uplift'), el('th', { title: definitionOf(defs, 'segments.dr') ?? 'doubly robust estimate of the segment’s uplift' }, 'DR estimate'), el('th', {}, '95% CI'), el('th', { title: definitionOf(defs, 'segments.flags') ?? '' }, 'Flags')),
    ),
    el(
      'tbody',
      {},
      list.length
        ? list.map((s, i) => {
            const dr = s.dr ?? s.dr_estimate ?? s.estimate;
            const ci = s.dr?.ci ?? s.ci ?? s.dr_ci;
            const est = pickNum(s, 'dr', 'dr_estimate', 'estimate');
            return el(
              'tr',
              { dataset: { segment: String(i), negative: String(finite(est) && est < 0), sleeping: String(Boolean(s.sleeping_dogs)) } },
              el('th', { scope: 'row' }, s.rule ?? s.leaf ?? s.path ?? `segment ${i + 1}`),
              num(fmtInt(pickNum(s, 'rows', 'n')), 'not reported', 'rows'),
              num(fmtNum(pickNum(s, 'predicted', 'cate', 'predicted_cate')), 'not reported', 'predicted'),
              num(withSe(dr && typeof dr === 'object' ? dr : { estimate: est, se: s.dr_se ?? s.se }), 'not reported', 'dr'),
              num(fmtInterval(ci), 'no standard error', 'ci'),
              el('td', {}, flags(s)),
            );
          })
        : el('tr', {}, el('td', { colspan: '6', class: 'muted' }, 'no segment: the tree found no split worth reporting')),
    ),
  );
  const info = Array.isArray(r.segments) ? null : r.segments;
  const note = info
    ? el('p', { class: 'hint muted', id: 'segments-summary' }, `Tree depth ${info.depth ?? 'n/a'}, at least ${fmtInt(info.min_leaf) ?? 'n/a'} rows per leaf; ${fmtPct(info.share_negative) ?? 'n/a'} of the customers have a negative predicted uplift; ${info.any_sleeping_dogs ? 'some segment is a sleeping dog: its whole interval lies below 0.' : 'no segment’s interval lies wholly below 0.'}`)
    : null;
  const segDefs = Object.entries(defs ?? {}).filter(([k]) => k.startsWith('segments'));
  container.replaceChildren(el('div', { class: 'table-block' }, table, note, dl(segDefs.length ? segDefs : [['Sleeping dogs', 'customers whose uplift is negative: the treatment makes them less likely to act']])));
}

/** Any block of numbers the core adds (calibration, RATE, trimming): each leaf with its definition. */
export function renderNumbers(container, title, block, defs, prefix, id) {
  if (block == null || typeof block !== 'object') {
    container.replaceChildren();
    return;
  }
  const items = [];
  const walk = (x, path) => {
    if (finite(x)) items.push([path, x]);
    else if (Array.isArray(x) && x.length <= 4 && x.every(finite)) items.push([path, x]);
    else if (x && typeof x === 'object' && !Array.isArray(x)) for (const [k, v] of Object.entries(x)) walk(v, path ? `${path}.${k}` : k);
  };
  walk(block, '');
  container.replaceChildren(
    el('h3', {}, title),
    el(
      'dl',
      { class: 'definitions numbers', id },
      items.map(([path, v]) => [
        el('dt', {}, path || prefix),
        el('dd', {}, el('strong', { dataset: { key: path } }, Array.isArray(v) ? (v.length === 2 ? fmtInterval(v) : v.map(fmtNum).join(', ')) : fmtNum(v)), ' — ', definitionOf(defs, `${prefix}.${path}`) ?? definitionOf(defs, prefix) ?? 'as reported by the core'),
      ]),
    ),
  );
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
  if (!calibration?.mean_prediction) return renderNumbers(container, 'Calibration', calibration, defs, 'calibration', 'calibration-numbers');
  const rows = [
    ['mean_prediction', 'Mean prediction (1 = right on average)'],
    ['differential_prediction', 'Differential prediction (1 = spread right, > 0 = real heterogeneity)'],
  ];
  const table = el(
    'table',
    { class: 'result-table', id: 'calibration-table' },
    el('caption', {}, `Calibration: best linear predictor test (grf test_calibration) on ${fmtInt(calibration.rows) ?? 'n/a'} rows`),
    el('thead', {}, el('tr', {}, el('th', {}, 'Coefficient'), COEF_COLUMNS.map(([, label]) => el('th', {}, label)))),
    el(
      'tbody',
      {},
      rows.map(([key, label]) =>
        el('tr', { dataset: { coef: key } }, el('th', { scope: 'row', title: defs?.[`calibration.${key}`] ?? '' }, label), COEF_COLUMNS.map(([k]) => num(k.startsWith('p_') ? fmtNum(calibration[key]?.[k], 3) : fmtNum(calibration[key]?.[k]), 'not reported', k))),
      ),
    ),
  );
  container.replaceChildren(el('div', { class: 'table-block' }, table, dl([['Mean prediction', defs?.['calibration.mean_prediction']], ['Differential prediction', defs?.['calibration.differential_prediction']]])));
}

/** RATE (AUTOC and Qini weighting) with bootstrap se and CI. */
export function renderRate(container, rate, defs) {
  if (!rate?.autoc) return renderNumbers(container, 'RATE', rate, defs, 'rate', 'rate-numbers');
  const table = el(
    'table',
    { class: 'result-table', id: 'rate-table' },
    el('caption', {}, `RATE: how much better than random the ranking by predicted uplift targets (${fmtInt(rate.replicates) ?? 'n/a'} bootstrap replicates)`),
    el('thead', {}, el('tr', {}, el('th', {}, 'Weighting'), el('th', {}, 'Estimate'), el('th', { title: defs?.['rate.se'] }, 'se'), el('th', { title: defs?.['rate.se'] }, '95% CI'))),
    el(
      'tbody',
      {},
      [['autoc', 'AUTOC'], ['qini', 'Qini']].map(([key, label]) =>
        el('tr', { dataset: { rate: key } }, el('th', { scope: 'row', title: defs?.[`rate.${key}`] ?? '' }, label), num(fmtNum(rate[key]?.estimate), 'not reported', 'estimate'), num(fmtNum(rate[key]?.se), 'not reported', 'se'), num(fmtInterval(rate[key]?.ci), 'no se', 'ci')),
      ),
    ),
  );
  container.replaceChildren(el('div', { class: 'table-block' }, table, dl([['AUTOC', defs?.['rate.autoc']], ['Qini', defs?.['rate.qini']], ['se and CI', defs?.['rate.se']]])));
}
