// The analyst's part, under "Details": the segments (size, shares, stability, effect, feature means), the
// factors' loadings, both curves, the policy values and every definition in the core's words. Cells are
// rounded; each carries its exact value (data-value).
import { dl, el } from '../dom.js';
import { count, duration, isNum, num, pct } from '../kit/format.js';
import { details, value } from '../kit/story.js';
import { POLICIES } from './charts.js';

function cell(x, f, kind, reason = 'not computed') {
  if (isNum(x)) return el('td', { class: 'num', dataset: { kind } }, value(x, f(x)));
  return el('td', { class: 'num na', dataset: { kind }, title: reason }, 'n/a');
}
const share = (x) => pct(x, { digits: 3 });
const head = (cols) => el('thead', {}, el('tr', {}, cols.map(([h, t]) => el('th', { scope: 'col', title: t ?? null }, h))));
const block = (label, table) => el('div', { class: 'table-block', tabindex: '0', role: 'region', 'aria-label': label }, table);

function segmentTable(result) {
  const d = result.definitions ?? {};
  const u = result.uplift;
  const cols = [
    ['Segment', null], ['Name', d.name], ['Customers', null], ['Share', null],
    ...(result.segments.some((s) => isNum(s.value_share)) ? [['Share of value', d.value_share]] : []),
    ...(result.stability ? [['Jaccard', d.jaccard], ['Jaccard interval', null], ['Stable', d.stable]] : []),
    ...(u ? [['Effect', d.effect], ['95% interval', null], ['Sleeping dogs', d.sleeping_dog_share], ['Treat', d.treat]] : []),
  ];
  const withValue = cols.some(([h]) => h === 'Share of value');
  return block(
    'Segments',
    el(
      'table',
      { class: 'result-table', id: 'segment-table' },
      el('caption', {}, 'The segments (numbered by size, largest first)'),
      head(cols),
      el(
        'tbody',
        {},
        result.segments.map((s) =>
          el(
            'tr',
            { dataset: { segment: String(s.segment) } },
            el('th', { scope: 'row' }, String(s.segment)),
            el('td', {}, s.label && s.label !== s.name ? `${s.label} (${s.name})` : s.name),
            cell(s.size, count, 'size'),
            cell(s.share, share, 'share'),
            withValue ? cell(s.value_share, share, 'value-share') : null,
            result.stability ? [cell(s.jaccard, num, 'jaccard'), el('td', { class: 'num' }, isNum(s.jaccard_interval?.[0]) ? `${num(s.jaccard_interval[0])} to ${num(s.jaccard_interval[1])}` : 'n/a'), el('td', { dataset: { kind: 'stable' } }, s.stable ? 'yes' : 'no (unstable)')] : null,
            u ? [cell(s.effect?.estimate, num, 'effect'), el('td', { class: 'num' }, isNum(s.effect?.lower) ? `${num(s.effect.lower)} to ${num(s.effect.upper)}` : 'n/a'), cell(s.sleeping_dog_share, share, 'sleeping', 'needs a CATE column'), el('td', { dataset: { kind: 'treat' } }, s.treat ? 'yes' : 'no')] : null,
          ),
        ),
      ),
    ),
  );
}

function meansTable(result) {
  return block(
    'Feature means per segment',
    el(
      'table',
      { class: 'result-table', id: 'means-table' },
      el('caption', {}, 'Each segment’s mean of every feature, in the feature’s own units'),
      head([['Segment', null], ...result.features.map((f) => [f, null])]),
      el('tbody', {}, result.segments.map((s) => el('tr', { dataset: { segment: String(s.segment) } }, el('th', { scope: 'row' }, `${s.segment}. ${s.name}`), result.features.map((f, j) => cell(s.feature_means?.[j], num, `mean-${f}`))))),
    ),
  );
}

function loadingsTable(result) {
  return block(
    'Factor loadings',
    el(
      'table',
      { class: 'result-table', id: 'loadings-table' },
      el('caption', {}, 'What each factor is made of: each feature’s share of it (rows sum to 100%)'),
      head([['Factor', null], ...result.features.map((f) => [f, null])]),
      el('tbody', {}, result.factors.loadings.map((row, i) => el('tr', { dataset: { factor: String(i + 1) } }, el('th', { scope: 'row' }, `F${i + 1}`), row.map((x, j) => cell(x, share, `loading-${result.features[j]}`))))),
    ),
  );
}

function curveTable(id, caption, rows, cols) {
  if (!rows?.length) return null;
  return block(caption, el('table', { class: 'result-table', id }, el('caption', {}, caption), head(cols.map(([h]) => [h])), el('tbody', {}, rows.map((r) => el('tr', { dataset: { k: String(r.k) } }, cols.map(([, key, f], i) => (i === 0 ? el('th', { scope: 'row' }, count(r[key])) : cell(r[key], f, key))))))));
}

function policyTable(result) {
  const u = result.uplift;
  if (!u) return null;
  const pv = u.policy_value ?? {};
  const ts = u.treated_share ?? {};
  return block(
    'Policy values',
    el(
      'table',
      { class: 'result-table', id: 'policy-table' },
      el('caption', {}, `Value per customer of each policy, after a cost of ${num(u.cost)} per treated customer (outcome units)`),
      head([['Policy', null], ['Value per customer', null], ['Share treated', null]]),
      el('tbody', {}, POLICIES.map(([key, label]) => el('tr', { dataset: { policy: key } }, el('th', { scope: 'row' }, `Treat ${label}`), cell(pv[key], num, 'value', key === 'by_customer' ? 'needs a CATE column' : 'not computed'), cell(ts[key], share, 'treated')))),
    ),
  );
}

export function renderDetails(container, result, { label, ms }) {
  const d = result.definitions ?? {};
  const f = result.factors;
  const c = result.clusters;
  const st = result.stability;
  $summary(result, { label, ms });
  const parts = [
    details('The segments', segmentTable(result), meansTable(result)),
    details('The factors (NMF)', el('p', {}, `${count(f.k)} factors, ${count(f.iterations)} iterations, explained variance ${pct(f.explained_variance, { digits: 3 })}, reconstruction error ${num(f.reconstruction_error)}.`), loadingsTable(result), curveTable('factor-curve', 'Explained variance by number of factors', f.curve, [['Factors', 'k'], ['Explained variance', 'explained_variance', share], ['Reconstruction error', 'reconstruction_error', num]])),
    details('The clustering (K-means)', el('p', {}, `${count(c.k)} segments, inertia ${num(c.inertia)}, silhouette ${num(c.silhouette)}${c.silhouette_sampled ? ' (on a sample of 4,000 customers)' : ''}.`), curveTable('cluster-curve', 'Silhouette and inertia by number of segments', c.curve, [['Segments', 'k'], ['Silhouette', 'silhouette', num], ['Inertia', 'inertia', num]])),
    details('Stability (bootstrap)', st ? el('p', { id: 'stability-line' }, `${count(st.bootstrap)} resamples; ARI mean `, value(st.ari_mean, num(st.ari_mean), { 'data-kind': 'ari-mean' }), isNum(st.ari_interval?.[0]) ? `, interval ${num(st.ari_interval[0])} to ${num(st.ari_interval[1])}` : '', '.') : el('p', {}, 'Not computed (0 resamples).')),
    result.uplift ? details('Segments × uplift', policyTable(result), isNum(result.uplift.segment_targeting_loss) ? el('p', {}, 'Loss of targeting by segment (by customer − by segment): ', value(result.uplift.segment_targeting_loss, num(result.uplift.segment_targeting_loss), { 'data-kind': 'loss-detail' }), ' per customer.') : null) : null,
    details('Definitions', dl(Object.entries(d).map(([k, t]) => [k.replace(/_/g, ' '), t]), { id: 'definitions' })),
  ];
  container.replaceChildren(...parts.filter(Boolean));
}

function $summary(result, { label, ms }) {
  const node = document.getElementById('summary');
  node.replaceChildren(
    el('span', {}, label),
    el('span', {}, `${count(result.rows)} customers`),
    el('span', {}, `${count(result.features.length)} features, scaling ${result.scaling}`),
    result.id ? el('span', {}, `id column ${result.id}`) : null,
    el('span', {}, `${count(result.factors.k)} factors, ${count(result.clusters.k)} segments`),
    isNum(ms) ? el('span', {}, `computed in ${duration(ms)} in this browser`) : null,
  );
}
