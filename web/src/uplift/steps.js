// Steps 1-3 of the story: who the e-mail changed (the predicted change per customer), the ranking
// against a random order (the Qini curve, named once), and the share slider (whom to send to, what it
// gains, the sleeping dogs it spares). Each is one chart and one or two sentences.
import { el } from '../dom.js';
import { count, money, num, pct, pp } from '../kit/format.js';
import { widthOf } from '../kit/plot.js';
import { setStep, value } from '../kit/story.js';
import { changeHistogram, curveChart, netChart } from './chart.js';
import { predictionColumn } from './model.js';

const finite = (x) => typeof x === 'number' && Number.isFinite(x);
const stepWidth = (id) => widthOf(document.querySelector(`#${id} .step-chart`), { min: 260, max: 640, fallback: 560 });

/** A change in the outcome, in words: "5.3 pp" for yes/no outcomes, "1.2 sales" otherwise. */
export const changeText = (m, x, o) => (m.binary ? pp(x, { signed: false, ...o }) : num(x, o));

export function renderStep1(m) {
  const values = m.result.predictions?.[predictionColumn(m.result, m.arm)];
  const s = m.r.cate_summary ?? {};
  const negative = m.r.segments?.share_negative;
  const what = m.binary ? `chance of a ${m.unit.one}` : m.unit.many;
  const reading = [
    `The model predicts the ${m.thing} raises most customers’ ${what} by `,
    value(s.p10, changeText(m, s.p10)), ' to ', value(s.p90, changeText(m, s.p90)),
    ` (the middle 80%; a typical customer `, value(s.median, changeText(m, s.median, { signed: true })), ')',
  ];
  if (finite(negative) && negative > 0) {
    reading.push('; ', value(negative, pct(negative)), ` of them (`, value(negative * m.n, count(negative * m.n)), ` customers) are predicted to ${m.binary ? `${m.unit.one} less often` : 'buy less'}: “sleeping dogs” the ${m.thing} would put off.`);
  } else reading.push(`; none is predicted to be put off by it.`);
  const chart = Array.isArray(values)
    ? changeHistogram(values, { label: `Predicted change per customer${m.binary ? ' (percentage points)' : ''}`, width: stepWidth('step-1'), format: m.binary ? (x) => num(x * 100) : num, thing: m.thing })
    : el('p', { class: 'muted', id: 'step-1-waiting' }, 'The chart of every customer’s predicted change follows in a moment.');
  setStep('step-1', reading, chart);
}

export function renderStep2(m) {
  const c = m.r.curves;
  if (!c?.k?.length) return setStep('step-2', 'n/a: the answer has no Qini curve.', null);
  const i = c.k.reduce((best, k, j) => (Math.abs(k / c.n - 0.2) < Math.abs(c.k[best] / c.n - 0.2) ? j : best), 0);
  const share = c.k[i] / c.n;
  const top = c.qini[i];
  const random = share * c.qini.at(-1);
  setStep(
    'step-2',
    [
      `Sorted by predicted change, the first `, value(share, pct(share)), ` of the test’s customers hold `, value(top, num(top)), ` extra ${m.unit.many} against `,
      value(random, num(random)), ' for a random ', pct(share),
      '. Analysts call this picture a Qini curve: the extra outcome counted among the first customers of the ranking; the higher above the straight (random) line, the better the ranking.',
    ],
    curveChart(c, 'qini', { width: stepWidth('step-2'), unit: m.unit, marker: m.best?.share ?? null }),
  );
}

export function renderStep3(m) {
  if (!m.best) return setStep('step-3', 'n/a: the answer has no policy curve.', null);
  const p = m.pickedPolicy;
  const best = m.policy;
  const sleeping = finite(p.sleeping) ? p.sleeping : 0;
  // The sleeping dogs sit at the bottom of the ranking: a share treats them only once it reaches them.
  const dogsTreated = Math.max(0, p.treated - (m.n - sleeping));
  const spared = sleeping - dogsTreated;
  const reading = [
    `Sending it to the top `, value(p.share, pct(p.share), { 'data-kind': 'share' }), ' (', value(p.treated, count(p.treated)), ' customers) brings about ',
    value(p.extra, `${num(p.extra)} extra ${m.unit.many}`, { 'data-kind': 'extra' }), finite(p.extraLo) ? ` (95% interval ${num(p.extraLo)} to ${num(p.extraHi)})` : '', ' and ', value(p.net, money(p.net), { 'data-kind': 'net' }), ' net',
  ];
  if (Math.abs(p.share - best.share) > 1e-9) reading.push('; the cost-aware choice, ', value(best.share, pct(best.share)), ', nets ', value(best.net, money(best.net)));
  if (sleeping >= 1) reading.push(spared >= 1 ? ['. It spares the ', value(spared, count(spared)), ' customers predicted to be put off'] : '. It reaches every customer predicted to be put off');
  reading.push('.');
  setStep('step-3', reading, netChart(m.points, { n: m.n, economics: m.economics, best: m.best, picked: m.picked, width: stepWidth('step-3'), thing: m.thing }));
}
