// The first screen: the answer sentence (rounded, with units, from the fitted changes and the economics),
// the gain curve that carries it, and the cards that say what the chosen share gets against the pinned
// baseline. All of it is rebuilt from the model (model.js) in a few milliseconds.
import { el } from '../dom.js';
import { count, money, num, pct } from '../kit/format.js';
import { widthOf } from '../kit/plot.js';
import { card, setAnswer, value } from '../kit/story.js';
import { gainChart } from './chart.js';

const finite = (x) => typeof x === 'number' && Number.isFinite(x);
/** A price in dollars and cents ("$0.10 per e-mail"); large ones as the kit writes money. */
export const price = (x) => (finite(x) && Math.abs(x) < 100 ? `${x < 0 ? '\u2212' : ''}$${Math.abs(x).toFixed(2)}` : money(x));
const amount = (x, unit) => `${num(x)} ${Math.abs(x) === 1 ? unit.one : unit.many}`;

/** The sentence. `m` from buildModel. */
export function answerParts(m) {
  const { thing, unit, economics, policy: p } = m;
  if (!m.best) return [`The model’s answer has no policy curve, so the page cannot say whom to send the ${thing} to; the tables under Details still hold every number.`];
  const at = [' at ', value(economics.cost, price(economics.cost), { 'data-kind': 'cost' }), ` per ${thing} and `, value(economics.value, price(economics.value), { 'data-kind': 'value' }), ` per ${unit.one}`];
  if (p.treated === 0) {
    const first = m.points.find((x) => x.treated > 0);
    const q = m.policyOf(first);
    return [
      `No customer is moved enough to pay for the ${thing}`, ...at, `: even the `, value(first.share, pct(first.share)), ' it moves most would bring ',
      value(q.extra, amount(q.extra, unit)), ' for ', value(q.cost, money(q.cost)), ` of ${thing}s. Lower the cost or raise the value to see whom to send it to.`,
    ];
  }
  const head = [`Sending the ${thing} to the `, value(p.share, pct(p.share), { 'data-kind': 'share' }), ' of customers it moves most '];
  const gets = finite(p.fractionOfAll)
    ? p.fractionOfAll <= 1
      ? ['gets about ', value(p.fractionOfAll, pct(p.fractionOfAll, { digits: 2 }), { 'data-kind': 'fraction' }), ` of the extra ${unit.many} it could bring (`, value(p.extra, amount(p.extra, unit), { 'data-kind': 'extra' }), ', ', value(p.net, money(p.net), { 'data-kind': 'net' }), ' net', ...at, ')']
      : ['gets more than sending it to everyone: ', value(p.extra, amount(p.extra, unit), { 'data-kind': 'extra' }), ' against ', value(p.extraAll, num(p.extraAll)), ' (', value(p.net, money(p.net), { 'data-kind': 'net' }), ' net', ...at, ')']
    : ['brings about ', value(p.extra, amount(p.extra, unit), { 'data-kind': 'extra' }), ' (', value(p.net, money(p.net), { 'data-kind': 'net' }), ' net', ...at, ')'];
  if (p.left <= 0) return [...head, ...gets, '.'];
  const why = economics.cost > 0 ? `it moves too little to pay for the ${thing}` : 'it is not predicted to move at all';
  const dogs = finite(p.sleeping) && p.sleeping >= 1 ? [', ', value(p.sleeping, count(p.sleeping), { 'data-kind': 'sleeping' }), ' of whom it is predicted to put off'] : [];
  return [...head, ...gets, '; sending it to everyone also reaches ', value(p.left, count(p.left), { 'data-kind': 'left' }), ` customers ${why}`, ...dogs, '.'];
}

export function renderAnswer(target, m) {
  setAnswer(target, answerParts(m));
}

/** The story's chart (the gain curve), with a note on whom it counts. */
export function renderStoryChart(container, note, m) {
  if (!m.best) {
    container.replaceChildren(el('p', { class: 'muted' }, 'No policy curve in this answer: nothing to draw.'));
    return;
  }
  container.replaceChildren(gainChart(m.points, { n: m.n, economics: m.economics, chosen: m.best, unit: m.unit, thing: m.thing, width: widthOf(container, { min: 280, max: 760 }) }));
  note.replaceChildren(
    `Counted over the ${count(m.n)} customers of the test who got ${m.arm === '1' ? `the ${m.thing} or not` : `“${m.arm}” or “${m.r.vs}”`}. A random choice of the same size gets the grey line; the gap is what the ranking adds.`,
  );
}

/** The cards beside the chart: whom to send to, the extra outcome, the net value, each against the baseline. */
export function storyCards(m, pinned) {
  if (!m.best) return [];
  const p = m.policy;
  return [
    card({ kind: 'share', title: `Customers to send the ${m.thing} to`, x: p.share, text: pct(p.share), f: (x, o) => `${num(x * 100, o)} pp`, baseline: pinned?.share, note: `${count(p.treated)} of ${count(m.n)}` }),
    card({ kind: 'extra', title: `Extra ${m.unit.many}`, x: p.extra, text: num(p.extra), baseline: pinned?.extra, note: finite(p.extraLo) ? `95% interval ${num(p.extraLo)} to ${num(p.extraHi)}` : null }),
    card({ kind: 'net', title: `Net value (after the ${m.thing}s’ cost)`, x: p.net, text: money(p.net), f: (x, o) => money(x, o), baseline: pinned?.net, note: `sending to everyone: ${money(p.netAll)}` }),
  ];
}

/** What the baseline keeps of a model. */
export const summariseForBaseline = (m) => (m?.best ? { share: m.policy.share, extra: m.policy.extra, net: m.policy.net } : null);
