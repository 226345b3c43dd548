// The first screen: the answer sentence (rounded, with units), the cards beside the chart (each against
// the pinned baseline) and what the baseline keeps. Everything is read from the core's result.
import { count, num, pct } from '../kit/format.js';
import { card, value } from '../kit/story.js';

const finite = (x) => typeof x === 'number' && Number.isFinite(x);
const quote = (name) => `“${name}”`;

/** The sentence: how many kinds, the largest with its share of customers (and of revenue), how many are stable. */
export function answerParts(result, { what = 'revenue', pending = false } = {}) {
  const segs = result.segments ?? [];
  const c = segs.length;
  if (!c) return ['The run returned no segments.'];
  const largest = segs[0]; // the core numbers segments by size, largest first
  const parts = [
    'We have ', value(c, count(c), { 'data-kind': 'segments' }), ' kinds of customers; the largest, ', quote(largest.label ?? largest.name), ', is ',
    value(largest.share, pct(largest.share, { digits: 2 }), { 'data-kind': 'largest-share' }), ' of customers',
  ];
  if (finite(largest.value_share)) {
    parts.push(' and ', value(largest.value_share, pct(largest.value_share, { digits: 2 }), { 'data-kind': 'largest-value-share' }), ` of ${what}`);
    const top = segs.reduce((a, s) => (finite(s.value_share) && s.value_share > a.value_share ? s : a), largest);
    if (top !== largest) {
      parts.push(', the most valuable, ', quote(top.label ?? top.name), ', ', value(top.share, pct(top.share, { digits: 2 }), { 'data-kind': 'top-share' }), ' of customers and ', value(top.value_share, pct(top.value_share, { digits: 2 }), { 'data-kind': 'top-value-share' }), ` of ${what}`);
    }
  }
  if (result.stability) {
    const stable = segs.filter((s) => s.stable).length;
    parts.push('; ', value(stable, count(stable), { 'data-kind': 'stable' }), ` of ${count(c)} segments ${stable === 1 ? 'is' : 'are'} stable`);
  } else if (pending) {
    parts.push('; checking how stable they are…');
    return parts; // the rest follows with the resamples
  } else {
    parts.push('; their stability was not checked (0 resamples)');
  }
  const u = result.uplift;
  const pv = u?.policy_value;
  if (pv && finite(pv.by_segment) && finite(pv.by_customer) && pv.by_customer > 0) {
    const kept = pv.by_segment / pv.by_customer;
    parts.push('. Offering it segment by segment keeps ', value(kept, pct(kept, { digits: 2 }), { 'data-kind': 'kept' }), ' of what choosing customer by customer is worth');
  } else if (u) {
    const treat = segs.filter((s) => s.treat).length;
    parts.push('. The offer pays on average in ', value(treat, count(treat), { 'data-kind': 'treat' }), ` of ${count(c)} segments`);
  }
  parts.push('.');
  return parts;
}

/** The cards beside the story chart: how well separated, how stable, and (with an effect) the targeting loss. */
export function cards(result, pinned) {
  const segs = result.segments ?? [];
  const out = [
    card({ kind: 'silhouette', title: 'Separation (silhouette)', x: result.clusters.silhouette, text: num(result.clusters.silhouette, { digits: 2 }), baseline: pinned?.silhouette, note: '−1 to 1; below 0.25 little structure, above 0.5 clearly apart (Kaufman and Rousseeuw)' }),
  ];
  if (result.stability) {
    out.push(card({ kind: 'ari', title: 'Stability (ARI over resamples)', x: result.stability.ari_mean, text: num(result.stability.ari_mean, { digits: 2 }), baseline: pinned?.ari, note: `1 = the same segments every time; ${count(segs.filter((s) => s.stable).length)} of ${count(segs.length)} segments stable` }));
  }
  const pv = result.uplift?.policy_value;
  if (pv && finite(result.uplift.segment_targeting_loss)) {
    out.push(card({ kind: 'loss', title: 'Lost by targeting segments, not customers', x: result.uplift.segment_targeting_loss, text: num(result.uplift.segment_targeting_loss), baseline: pinned?.loss, good: 'down', note: 'value per customer, outcome units' }));
  } else {
    out.push(card({ kind: 'explained', title: 'Data explained by the patterns', x: result.factors.explained_variance, text: pct(result.factors.explained_variance, { digits: 2 }), f: (x, o) => `${num(x * 100, o)} pp`, baseline: pinned?.explained, note: `${count(result.factors.k)} factors` }));
  }
  return out;
}

/** What the baseline keeps of a result. */
export const summarise = ({ result }) => ({
  clusters: result.clusters.k,
  silhouette: result.clusters.silhouette,
  ari: result.stability?.ari_mean ?? null,
  loss: result.uplift?.segment_targeting_loss ?? null,
  explained: result.factors.explained_variance,
});
