// The five steps under the story: the data, adstock, saturation, which channel pays (with the simulated
// world's guess-then-reveal), and what to move where (the user's own split as a what-if). Each is one
// reading with rounded numbers (exact ones in data-value) and its chart.
import { el } from '../dom.js';
import { ci, count, num, pct } from '../kit/format.js';
import { widthOf } from '../kit/plot.js';
import { setStep, value, warning } from '../kit/story.js';
import { byRoi } from './answer.js';
import { curveChart, dataChart, decompositionChart, lagChart, splitChart } from './charts.js';
import { carryWeeks, channelKpi } from './model.js';

const $ = (id) => document.getElementById(id);
const width = (id) => widthOf($(id)?.querySelector('.step-chart') ?? $(id), { min: 280, max: 900 });
const level = (result) => pct(result.bootstrap.level, { digits: 2 });
const withCi = (x, interval, f = num) => (interval ? ci(x, interval, f) : f(x));
const joinList = (items) => (items.length <= 1 ? items : [...items.slice(0, -1).flatMap((x, i) => (i ? ['; ', x] : [x])), '; and ', items.at(-1)]);

/** The core's warning with the channel's display name ("Channel1_spend: decay …" → "channel 1: decay …"). */
const plainWarning = (t, r, w) => r.channels.reduce((text, c) => (text.startsWith(`${c.name}:`) ? `${w.name(c.name)}:${text.slice(c.name.length + 1)}` : text), t);

export function renderSteps(result, ctx) {
  const { w, spend } = ctx;
  const r = result;
  const d = r.decomposition;
  setStep(
    'step-1',
    [
      value(r.weeks, count(r.weeks)), ` weeks of ${w.kpi}${d.week[0] && /-/.test(d.week[0]) ? ` (${d.week[0]} to ${d.week.at(-1)})` : ''} and spend on `, value(r.channels.length, count(r.channels.length)), ' channels: ',
      ...joinList(r.channels.map((c) => [w.name(c.name), ' ', value(c.spend, w.spendText(c.spend))])),
      ` in all. The model explains ${w.kpi} by a baseline and trend, the season${Object.keys(d.controls).length ? `, ${Object.keys(d.controls).join(', ')}` : ''} and the spend.`,
    ],
    dataChart(r, spend, { width: width('step-1'), w }),
  );

  const adstockWords = r.channels.map((c) => {
    const weeks = carryWeeks(c.lag_weights);
    const peak = c.lag_weights.indexOf(Math.max(...c.lag_weights));
    const p = c.params;
    const how = p.decay ? ` (decay ${num(p.decay.value, { digits: 2 })}${p.decay.ci ? `, interval ${num(p.decay.ci[0], { digits: 2 })} to ${num(p.decay.ci[1], { digits: 2 })}` : ''}: ${pct(p.decay.value, { digits: 2 })} of a week's pull carries to the next)` : peak > 0 ? ` (its effect peaks ${count(peak)} week${peak === 1 ? '' : 's'} after the spend)` : '';
    return [`a week's ${w.name(c.name)} keeps working for about `, value(weeks, `${count(weeks)} week${weeks === 1 ? '' : 's'}`, { 'data-kind': `carry-${c.name}` }), how];
  });
  setStep('step-2', ['Spend is not used up in its week: ', ...joinList(adstockWords), '. “Keeps working” = the weeks that hold 90% of its effect.'], lagChart(r, { width: width('step-2'), w }));

  const kind = r.model.saturation;
  const satWords = r.channels.map((c) => {
    const doubled = channelKpi(c, kind, 2) - c.contribution;
    return [`the next ${w.spend} on ${w.name(c.name)} buys `, value(c.mroi, withCi(c.mroi, c.mroi_ci), { 'data-kind': `mroi-${c.name}` }), ` ${w.kpi} (its average so far: ${num(c.roi)}); doubling it would add ${num(doubled)} (${pct(doubled / c.contribution, { digits: 2, signed: true })})`];
  });
  setStep('step-3', ['Each extra unit buys less than the one before: ', ...joinList(satWords), `. Bands: ${level(r)} bootstrap intervals.`], curveChart(r, { width: width('step-3'), w }));

  const ranked = byRoi(r);
  const roiWords = ranked.map(({ c }) => [w.name(c.name), ' returned ', value(c.roi, withCi(c.roi, c.roi_ci), { 'data-kind': `roi-${c.name}` }), ` ${w.perSpend}, ${pct(c.share, { digits: 2 })} of all ${w.kpi}`]);
  const warnings = r.warnings?.length ? el('div', { class: 'warnings' }, ...r.warnings.map((t) => warning(`${plainWarning(t, r, w)}. Its interval is wide or the value may sit on the edge of what was searched; read it with care.`))) : null;
  setStep('step-4', [...joinList(roiWords), `. ${r.channels[0]?.roi_ci ? `In brackets: ${level(r)} intervals from ${count(r.bootstrap.replicates)} bootstrap refits.` : 'No intervals: 0 bootstrap refits.'}`], el('div', { class: 'chart-stack' }, warnings, decompositionChart(r, { width: width('step-4'), w })));
}

/** Step 5: the best split of the chosen total, and the user's own split (one box per channel). */
export function renderSplit(result, { w, plan, mine, mineKpi }) {
  const rows = result.channels.map((c, i) => ({ c, i, d: plan.feasible ? plan.spend[i] - c.spend : 0 }));
  const reading = plan.feasible
    ? [
        `The best split of ${w.spendText(plan.total)}, each channel kept between ${pct(plan.lower, { digits: 2 })} and ${pct(plan.upper, { digits: 2 })} of its spend: `,
        ...joinList(rows.map(({ c, i, d }) => [w.name(c.name), ' ', value(plan.spend[i], w.spendText(plan.spend[i]), { 'data-kind': `best-${c.name}` }), ` (${d >= 0 ? '+' : '−'}${w.spendText(Math.abs(d))})`])),
        `. Media would bring ${num(plan.kpi)} ${w.kpi}, against ${num(result.media_kpi)} today.`,
      ]
    : [`No split: the total is below the channels' lower bounds (${w.spendText(plan.minTotal)}).`];
  if (mine) reading.push(' Your split brings ', value(mineKpi, num(mineKpi), { 'data-kind': 'mine-kpi' }), ` ${w.kpi} from media: `, value(mineKpi - result.media_kpi, num(mineKpi - result.media_kpi, { signed: true }), { 'data-kind': 'mine-gain' }), ` against today, for ${w.spendText(result.channels.reduce((s, c, i) => s + mine[i] * c.spend, 0))} in all.`);
  setStep('step-5', reading, splitChart(result, plan, mine, { width: width('step-5'), w }));
}

/** The simulated world's guess-then-reveal: the true ROI per channel from its true parameters. */
export function renderGuess(result, { w, simulated, revealed, guess, truth }) {
  $('guess').hidden = !simulated;
  $('guess-result').hidden = !simulated || !revealed;
  if (!simulated) return;
  const select = $('guess-channel');
  const names = result.channels.map((c) => c.name);
  if ([...select.options].map((o) => o.value).join() !== ['', ...names].join()) {
    select.replaceChildren(el('option', { value: '' }, '(pick one)'), ...names.map((n) => el('option', { value: n }, w.name(n))));
  }
  select.value = guess && names.includes(guess) ? guess : '';
  $('reveal').setAttribute('aria-pressed', String(revealed));
  $('reveal').textContent = revealed ? 'Hide the truth' : 'Reveal the truth';
  if (!revealed) return;
  if (!truth) {
    $('guess-result').replaceChildren('The truth is still being computed…');
    return;
  }
  const best = [...truth].sort((a, b) => b.roi - a.roi)[0];
  const fitted = Object.fromEntries(result.channels.map((c) => [c.name, c]));
  const parts = [
    'The truth: ', el('strong', {}, w.name(best.name)), ' returns most, ', value(best.roi, num(best.roi), { 'data-kind': 'true-best-roi' }), ` ${w.perSpend}`,
    guess ? (guess === best.name ? ' — you guessed it. ' : ` — you guessed ${w.name(guess)}. `) : '. ',
    'True against fitted ROI: ',
    ...joinList(truth.map((t) => {
      const c = fitted[t.name];
      const inside = c?.roi_ci ? t.roi >= c.roi_ci[0] && t.roi <= c.roi_ci[1] : null;
      return [w.name(t.name), ' ', value(t.roi, num(t.roi), { 'data-kind': `true-roi-${t.name}` }), ` vs ${c ? withCi(c.roi, c.roi_ci) : 'n/a'}${inside == null ? '' : inside ? ' (inside the interval)' : ' (outside the interval)'}`];
    })),
    '.',
  ];
  $('guess-result').replaceChildren(...parts.flat(Infinity).filter((p) => p != null));
}
