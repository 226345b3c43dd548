// The five steps under the story, each a sentence or two and its chart:
// 1. what we know about each customer (features and scaling), 2. a few patterns behind the numbers (what
// each NMF factor is made of, the explained-variance curve), 3. the segments (silhouette and elbow, the
// profile heatmap, the 2-D map; in the simulated world: guess the number of kinds, then reveal the ARI
// against the true segments), 4. do they hold up (bootstrap ARI, per-segment Jaccard, unstable flagged),
// 5. who should get the offer (segments × uplift; why a segment is not a treatment effect, and what
// segment-level targeting loses against choosing customer by customer).
import { el } from '../dom.js';
import { count, num, pct, range } from '../kit/format.js';
import { widthOf } from '../kit/plot.js';
import { setStep, value } from '../kit/story.js';
import { rangeNote, readColumns, scaledQuartiles, scalingChart } from './scales.js';
import { clusterCurves, effectChart, factorName, loadingsChart, mapChart, policyChart, profileChart, segmentLabel, stabilityChart, varianceChart } from './charts.js';

const $ = (id) => document.getElementById(id);
const finite = (x) => typeof x === 'number' && Number.isFinite(x);
const width = (id) => widthOf($(id), { min: 280, max: 900 }) - 34;
const list = (items) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
const quote = (s) => `“${s}”`;

const SCALING = {
  log_minmax: 'each is put through log(1 + x), then stretched to 0–1, so that a few very large values (big spenders, huge baskets) do not drown the rest',
  minmax: 'each is stretched to 0–1 (smallest value 0, largest 1), so that no feature counts more just because of its unit',
  none: 'they are used as they are (no scaling), so features with large numbers weigh more',
};

function stepOne(result, { source, entry }) {
  const n = result.features.length;
  const reading = [
    `Each of the `, value(result.rows, count(result.rows)), ` customers of ${source} is described by `, value(n, count(n)), ` numbers: ${list(result.features)}. They come in different units (days, invoices, money, shares), so `, SCALING[result.scaling] ?? `they are scaled (${result.scaling})`, '.',
  ];
  const chips = el('ul', { class: 'feature-chips', 'aria-label': 'The features used' }, result.features.map((f) => el('li', {}, f)));
  const rows = entry?.bytes ? quartilesOf(entry, result.features) : null;
  const picture = rows?.length ? [scalingChart(rows, { width: width('step-1'), scaling: result.scaling }), rangeNote(rows)] : [chips];
  setStep('step-1', reading, el('div', { class: 'chart-stack' }, ...picture.filter(Boolean)));
}

/** The scaled quartiles of a table's features, worked out once per table and feature list. */
function quartilesOf(entry, features) {
  const key = features.join(',');
  if (entry.quartiles?.key !== key) entry.quartiles = { key, rows: scaledQuartiles(readColumns(entry.bytes, features)) };
  return entry.quartiles.rows;
}

function stepTwo(result) {
  const f = result.factors;
  const named = f.top.map((top, i) => `F${i + 1} is mostly ${list(top.slice(0, 2).map((t) => `${t.feature} (${pct(t.share, { digits: 2 })})`))}`);
  const reading = [
    `Non-negative matrix factorisation writes every customer as a mix of `, value(f.k, count(f.k)), ` patterns (factors), each a recipe of the features: ${named.join('; ')}. Together they explain `,
    value(f.explained_variance, pct(f.explained_variance, { digits: 2 }), { 'data-kind': 'explained' }), ' of the variation in the scaled data',
    f.curve?.length > 1 ? '; the curve shows what more or fewer factors would explain (more always explains more, but each extra one adds less and is harder to read).' : '.',
  ];
  const w = width('step-2');
  setStep('step-2', reading, el('div', { class: 'chart-stack' }, loadingsChart(result, { width: w }), varianceChart(result, { width: w })));
}

function stepThree(result, { truth }) {
  const c = result.clusters;
  const best = (c.curve ?? []).filter((p) => finite(p.silhouette)).reduce((a, p) => (!a || p.silhouette > a.silhouette ? p : a), null);
  const segs = result.segments;
  const reading = [
    'K-means groups customers with similar factor scores into ', value(c.k, count(c.k)), ' segments; the silhouette (how much closer each customer is to its own segment than to the next) is ',
    value(c.silhouette, num(c.silhouette, { digits: 2 }), { 'data-kind': 'silhouette' }),
    c.silhouette_sampled ? ' (computed on a sample of 4,000 customers)' : '',
    best && best.k !== c.k ? `; ${count(best.k)} segments would separate best (${num(best.silhouette, { digits: 2 })})` : best ? ', the best of the numbers tried' : '',
    '. Each segment is named after the two factors where it stands out most: ',
    list([...segs.slice(0, 3).map((s) => `${quote(s.label ?? s.name)} (${pct(s.share, { digits: 2 })} of customers)`), ...(segs.length > 3 ? [`${count(segs.length - 3)} more (the heatmap shows them all)`] : [])]), '.',
  ];
  const w = width('step-3');
  setStep('step-3', reading, el('div', { class: 'chart-stack' }, clusterCurves(result, { width: w }), profileChart(result, { width: w }), mapChart(result, { width: Math.min(w, 640) })));
  renderGuess(result, truth);
}

/** The simulated world's guess-then-reveal: how many kinds, then the ARI of the segments with the true ones. */
export function renderGuess(result, { simulated, revealed, guess, trueKinds }) {
  $('guess').hidden = !simulated;
  const out = $('guess-result');
  if (!simulated) {
    out.hidden = true;
    return;
  }
  $('reveal').setAttribute('aria-pressed', String(revealed));
  $('reveal').textContent = revealed ? 'Hide the truth' : 'Reveal the truth';
  if (!revealed) {
    out.hidden = false;
    out.replaceChildren('This world was made with a known number of kinds of customers, which the page never sees. Guess first, then reveal.');
    return;
  }
  const ari = result.truth?.ari;
  const parts = [
    el('strong', {}, 'The truth: '), 'this world has ', value(trueKinds, count(trueKinds), { 'data-kind': 'true-kinds' }), ' kinds of customers. With ', count(result.clusters.k),
    ' segments the page recovers them with an adjusted Rand index (ARI) of ', value(ari, num(ari), { 'data-kind': 'true-ari' }),
    ' (1 = exactly the true kinds, 0 = no better than chance)',
  ];
  if (finite(guess)) parts.push(guess === trueKinds ? `; your guess, ${count(guess)}, is right` : `; you guessed ${count(guess)}`);
  parts.push('. ', result.clusters.k === trueKinds ? 'Try another number of segments: the ARI falls.' : `Set the number of segments to ${count(trueKinds)} and see the ARI rise.`);
  out.hidden = false;
  out.replaceChildren(...parts);
}

function stepFour(result) {
  const st = result.stability;
  if (!st) {
    setStep('step-4', 'Stability was not checked (0 resamples under Model). Set a number of resamples, e.g. 20, to see whether the segments come back when the data is resampled.', null);
    return;
  }
  const unstable = result.segments.filter((s) => s.stable === false);
  const reading = [
    `The whole analysis was repeated on `, value(st.bootstrap, count(st.bootstrap)), ' resamples of the customers (drawn with replacement). The segments came back with an average ARI of ',
    value(st.ari_mean, num(st.ari_mean, { digits: 2 }), { 'data-kind': 'ari' }), finite(st.ari_interval?.[0]) ? ` (${range(st.ari_interval[0], st.ari_interval[1], (x) => num(x, { digits: 2 }))} over the resamples)` : '', '. ',
    unstable.length
      ? [value(unstable.length, count(unstable.length), { 'data-kind': 'unstable' }), ` of ${count(result.segments.length)} segments ${unstable.length === 1 ? 'is' : 'are'} unstable (Jaccard below 0.6): ${list(unstable.map((s) => quote(segmentLabel(s))))}. Treat ${unstable.length === 1 ? 'it' : 'them'} as a tendency, not a group to build a campaign on; fewer segments are often steadier.`]
      : 'Every segment comes back (Jaccard at least 0.6 for each): they are not an accident of this sample.',
  ];
  setStep('step-4', reading, stabilityChart(result, { width: Math.min(width('step-4'), 720) }));
}

function stepFive(result, { kind, onTrySim, onCost }) {
  const u = result.uplift;
  const actions = $('offer-actions');
  if (!u) {
    setStep('step-5', [
      kind === 'retail'
        ? 'This data has no offer to learn from: nobody was randomly given one, so the page cannot say which segment it would move. A segment describes who customers are, not how they react; '
        : 'No effect column is chosen: name a CATE column (e.g. the uplift page’s export) or a randomised treatment and its outcome under Features. A segment describes who customers are, not how they react; ',
      'the simulated world shows the difference.',
    ], null);
    actions.replaceChildren(kind === 'sim' ? '' : el('button', { type: 'button', id: 'try-sim', class: 'secondary', onclick: onTrySim }, 'Try it in the simulated world'));
    return;
  }
  // The what-if of this step: the offer's cost (segments drop out where their average no longer pays).
  const box = el('input', { id: 'step-cost', type: 'number', class: 'number-box', step: 'any', inputmode: 'decimal', value: String(u.cost ?? 0) });
  box.addEventListener('change', () => Number.isFinite(Number(box.value)) && box.value.trim() !== '' && onCost?.(Number(box.value)));
  actions.replaceChildren(el('p', { class: 'step-control' }, el('label', { for: 'step-cost' }, 'Cost per treated customer (outcome units) '), box));
  const segs = result.segments;
  const treat = segs.filter((s) => s.treat);
  const pv = u.policy_value ?? {};
  const dogs = segs.filter((s) => s.treat && finite(s.sleeping_dog_share) && s.sleeping_dog_share >= 0.05).sort((a, b) => b.sleeping_dog_share - a.sleeping_dog_share)[0];
  const source = segs.find((s) => s.effect)?.effect?.source;
  const reading = [
    `Each segment’s average effect comes from ${source === 'experiment' ? 'the randomised test (treated minus control, with a 95% interval)' : 'the model’s per-customer estimates (CATE; the interval is their spread, not a test)'}. `,
    treat.length ? [`At a cost of ${num(u.cost)} per treated customer it pays on average in `, value(treat.length, count(treat.length), { 'data-kind': 'treat-segments' }), ` of ${count(segs.length)} segments (${list(treat.map((s) => quote(s.label ?? s.name)))}). `] : `At a cost of ${num(u.cost)} per treated customer it pays on average in no segment. `,
    dogs ? ['But a segment is not a treatment effect: inside ', quote(dogs.label ?? dogs.name), ', ', value(dogs.sleeping_dog_share, pct(dogs.sleeping_dog_share, { digits: 2 }), { 'data-kind': 'sleeping-dogs' }), ' of customers are predicted to react badly (sleeping dogs), and they would get the offer with the rest. '] : 'A segment describes who customers are; its members still react differently. ',
    finite(pv.by_customer) && finite(pv.by_segment)
      ? ['Per customer, choosing customer by customer is worth ', value(pv.by_customer, num(pv.by_customer), { 'data-kind': 'by-customer' }), ', segment by segment ', value(pv.by_segment, num(pv.by_segment), { 'data-kind': 'by-segment' }), finite(u.segment_targeting_loss) ? [': targeting segments loses ', value(u.segment_targeting_loss, num(u.segment_targeting_loss), { 'data-kind': 'loss' }), ' per customer'] : '', finite(pv.everyone) ? [` (treating everyone: ${num(pv.everyone)})`] : '', '.']
      : '',
  ];
  const w = Math.min(width('step-5'), 760);
  setStep('step-5', reading, el('div', { class: 'chart-stack' }, effectChart(result, { width: w }), policyChart(result, { width: w })));
}

/** All five steps. ctx: {entry, kind, source, truth: {simulated, revealed, guess, trueKinds}, onTrySim, onCost}. */
export function renderSteps(result, ctx) {
  stepOne(result, ctx);
  stepTwo(result);
  stepThree(result, ctx);
  stepFour(result);
  stepFive(result, ctx);
}

export { factorName };
