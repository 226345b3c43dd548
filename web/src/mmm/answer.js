// The first screen: the answer sentence (rounded, with units) and a card per channel (ROI with its
// interval, share of the KPI), plus the what-if's card: the media KPI of the best split of the chosen total.
// The sentence is re-written from the JS planner on every what-if (no refit).
import { ci, count, money, num, pct } from '../kit/format.js';
import { card, value } from '../kit/story.js';

/** How the page words a dataset's KPI, spend and channel names. */
export function wording(words, names = {}) {
  const spendText = (x, o = {}) => (words.money ? money(x, { symbol: words.money, ...o }) : `${num(x, o)} ${Math.abs(x) === 1 ? words.spend : words.spends}`);
  return { ...words, name: (c) => names[c] ?? c, spendText, perSpend: `${words.kpi} per ${words.spend}` };
}

const list = (items) => (items.length <= 1 ? items : [...items.slice(0, -1).flatMap((x, i) => (i ? [', ', x] : [x])), ' and ', items.at(-1)]);

/** Channels by ROI, best first. */
export const byRoi = (result) => [...result.channels].map((c, i) => ({ c, i })).sort((a, b) => b.c.roi - a.c.roi);

/** The total KPI over the weeks (the data's, not the model's). */
export const totalKpi = (result) => result.decomposition.kpi.reduce((s, x) => s + x, 0);

/**
 * The sentence. `plan`: the planner's best split of the what-if total; `change`: that total against what
 * was spent (0 = the same total).
 */
export function answerParts(result, { w, plan, change, pending = false }) {
  const total = totalKpi(result);
  const share = result.media_kpi / total;
  const ranked = byRoi(result);
  const parts = [
    'Over ', value(result.weeks, count(result.weeks), { 'data-kind': 'weeks' }), ' weeks, media brought ',
    value(result.media_kpi, num(result.media_kpi), { 'data-kind': 'media-kpi' }), ` of the ${num(total)} ${w.kpi} (`,
    value(share, pct(share, { digits: 2 }), { 'data-kind': 'media-share' }), '); ',
  ];
  ranked.forEach(({ c, i }, k) => {
    if (k) parts.push(k === ranked.length - 1 ? ' and ' : ', ');
    parts.push(`${w.name(c.name)}${k ? ' ' : ' returns '}`, value(c.roi, num(c.roi), { 'data-kind': `roi-${i}` }), k ? '' : ` ${w.perSpend}`);
  });
  parts.push('. ');
  parts.push(...planParts(result, { w, plan, change }));
  if (pending) parts.push(' Computing the intervals…');
  return parts;
}

/** The what-if's half of the sentence: what moving the budget (at the chosen total) would bring. */
export function planParts(result, { w, plan, change }) {
  const same = Math.abs(change) < 1e-9;
  if (!plan.feasible) {
    return [`A total of ${w.spendText(plan.total)} is below what the bounds allow (each channel keeps at least ${pct(plan.lower ?? 0.5, { digits: 2 })} of its spend): the smallest is ${w.spendText(plan.minTotal)}.`];
  }
  const gain = plan.kpi - result.media_kpi;
  const gainParts = [value(gain, num(gain, { signed: !same }), { 'data-kind': 'gain' }), ` ${w.kpi} (`, value(gain / result.media_kpi, pct(gain / result.media_kpi, { digits: 2, signed: true }), { 'data-kind': 'gain-share' }), ' on what media brings)'];
  const deltas = result.channels.map((c, i) => ({ c, d: plan.spend[i] - c.spend }));
  const from = deltas.filter((x) => x.d < -1e-9 * x.c.spend).sort((a, b) => a.d - b.d);
  const to = deltas.filter((x) => x.d > 1e-9 * x.c.spend).sort((a, b) => b.d - a.d);
  if (same) {
    const moved = to.reduce((s, x) => s + x.d, 0);
    if (!from.length || !to.length) return ['The spend is already split as well as the model can tell.'];
    return [
      'Moving ', value(moved, w.spendText(moved), { 'data-kind': 'moved' }), ` from ${list(from.map((x) => w.name(x.c.name))).join('')} to ${list(to.map((x) => w.name(x.c.name))).join('')} would add about `,
      ...gainParts, ' at the same total.',
    ];
  }
  const total = plan.total;
  return [
    `With ${pct(Math.abs(change), { digits: 2 })} ${change < 0 ? 'less' : 'more'} budget (`, value(total, w.spendText(total), { 'data-kind': 'total' }),
    '), the best split would bring ', value(plan.kpi, num(plan.kpi), { 'data-kind': 'plan-kpi' }), ` ${w.kpi} from media: `, ...gainParts, ' against today.',
  ];
}

/** A card per channel (ROI with its interval, share of the KPI, the next unit's return) and the what-if's. */
export function cards(result, { w, plan, change, pending }) {
  const out = byRoi(result).map(({ c, i }) =>
    card({
      kind: `channel-${i}`,
      title: w.name(c.name),
      x: c.roi,
      text: `${num(c.roi)} ${w.perSpend}`,
      note: [
        c.roi_ci ? `${pct(result.bootstrap.level, { digits: 2 })} interval ${ci(c.roi, c.roi_ci).replace(/^[^(]*\(|\)$/g, '')}; ` : pending ? 'interval: computing…; ' : '',
        `${pct(c.share, { digits: 2 })} of ${w.kpi}; the next ${w.spend} buys ${num(c.mroi)}`,
      ].join(''),
    }),
  );
  if (plan.feasible) {
    out.push(card({ kind: 'plan', title: Math.abs(change) < 1e-9 ? 'Media with the best split' : `Media with ${pct(1 + change, { digits: 3 })} of the budget, best split`, x: plan.kpi, text: `${num(plan.kpi)} ${w.kpi}`, baseline: result.media_kpi, note: `today: ${num(result.media_kpi)}` }));
  }
  return out;
}
