// Steps 1-3: what each combination makes, why "switch one off" credits do not add up, and the fair share
// as the average extra over every order of arrival. Each step: one chart, one or two sentences.
import { isNum } from '../kit/format.js';
import { COLORS, Plot, chart, widthOf } from '../kit/plot.js';
import { setStep, value } from '../kit/story.js';
import { renderWaterfall } from './chart.js';
import { arrivalExtras, coalitionName } from './coalitions.js';
import { capitalise } from './words.js';

const ORDINAL = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
// One colour per player (the total is grey).
const PALETTE = ['#2f5f98', '#d9822b', '#3a8a4a', '#7b4fa0', '#a8322d', '#4a9bb0', '#b5862a', '#6b6b6b'];
const factorial = (n) => (n <= 1 ? 1 : n * factorial(n - 1));

/** Step 1 with the coalition values on screen (the example), or the game's rule in words otherwise. */
export function stepCoalitions(step, { result, coalitions, values, voice, rule }) {
  const f = voice.f;
  const v = (x) => value(x, f(x));
  if (!coalitions) {
    setStep(step, [capitalise(rule || `Each combination of ${voice.players} has a value.`), ' With none of them it is ', v(result.empty_coalition), '; with all of them ', v(result.grand_coalition), '.'], null);
    return;
  }
  const rows = coalitions.rows.map((r, i) => ({ label: capitalise(coalitionName(r.members, coalitions.players, voice)), size: r.members.filter(Boolean).length, x: values[i] }));
  rows.sort((a, b) => a.size - b.size || a.x - b.x);
  const best = rows.filter((r) => r.size === 1).sort((a, b) => b.x - a.x)[0];
  const width = widthOf(step.querySelector('.step-chart'), { min: 300, max: 560 });
  const figure = chart(
    {
      width,
      height: 40 + rows.length * 20,
      marginLeft: Math.min(200, 16 + 6.8 * Math.max(...rows.map((r) => r.label.length))),
      marginRight: 50,
      x: { label: voice.unit || 'value', grid: true, nice: true, zero: true, tickFormat: (x) => f(x) },
      y: { label: null, domain: rows.map((r) => r.label) },
      color: { type: 'ordinal', domain: [0, 1, 2, 3, 4], range: ['#9aa4b1', '#9db8d9', '#6d94c4', '#4673a8', '#2f5f98'] },
      marks: [
        Plot.barX(rows, { y: 'label', x: 'x', fill: 'size' }),
        Plot.text(rows, { y: 'label', x: 'x', text: (d) => f(d.x), dx: 4, textAnchor: 'start', fill: '#333', fontSize: 11 }),
        Plot.ruleX([0], { stroke: '#555' }),
      ],
    },
    `Bar chart of ${voice.value} for each of the ${rows.length} combinations of ${voice.players}, from ${rows[0].label.toLowerCase()} (${f(rows[0].x)}) to ${rows.at(-1).label.toLowerCase()} (${f(rows.at(-1).x)}).`,
  );
  figure.id = 'coalitions-chart';
  setStep(step, [
    `With no ${voice.player} running ${voice.value} is `, v(result.empty_coalition), `; all ${voice.players} together make `, v(result.grand_coalition), '. ',
    best ? [`The strongest single ${voice.player} is ${best.label.toLowerCase()} (`, v(best.x), '). '] : null,
    'Edit any number below: every sentence and chart follows.',
  ], figure);
}

/** Step 2: the switch-off credits stacked, against what the players add together. */
export function stepSwitchOff(step, { result, voice }) {
  const f = voice.f;
  const v = (x, o) => value(x, f(x, o));
  const loo = result.naive.leave_one_out_sum;
  const segments = [];
  let level = 0;
  for (const p of result.players) {
    if (!isNum(p.leave_one_out)) continue;
    segments.push({ bar: 'Switch-off credits', who: voice.Name(p.name), x1: level, x2: level + p.leave_one_out });
    level += p.leave_one_out;
  }
  segments.push({ bar: `What the ${voice.players} add`, who: 'total', x1: 0, x2: result.total });
  const names = result.players.map((p) => voice.Name(p.name));
  const width = widthOf(step.querySelector('.step-chart'), { min: 300, max: 560 });
  const figure = chart(
    {
      width,
      height: 170,
      marginLeft: 120,
      marginRight: 20,
      x: { label: voice.unit || 'value', grid: true, nice: true, zero: true, tickFormat: (x) => f(x) },
      y: { label: null, padding: 0.3, tickFormat: (d) => d },
      color: { domain: [...names, 'total'], range: [...names.map((_, i) => PALETTE[i % PALETTE.length]), COLORS.muted], legend: true },
      marks: [
        Plot.barX(segments, { y: 'bar', x1: 'x1', x2: 'x2', fill: 'who', stroke: '#fff' }),
        Plot.text(segments.filter((s) => s.who === 'total' || s.x2 === level), { y: 'bar', x: 'x2', text: (d) => f(d.x2), dx: 4, textAnchor: 'start', fill: '#333' }),
        Plot.ruleX([0], { stroke: '#555' }),
      ],
    },
    `Two bars: the switch-off credits stacked (${f(loo)}) against what the ${voice.players} add together (${f(result.total)}).`,
  );
  figure.id = 'switch-off-chart';
  const gap = isNum(loo) ? loo - result.total : NaN;
  const off = isNum(gap) && Math.abs(gap) > 1e-9 * Math.max(1, Math.abs(result.total));
  setStep(step, [
    `Credit each ${voice.player} with what is lost when it alone is switched off, and the credits sum to `, v(loo), ', but the ', voice.players,
    ' add ', v(result.total), ' together. ',
    off ? (gap > 0 ? ['The ', v(gap), ' extra is counted twice.'] : ['The ', v(-gap), ' missing is credited to no one.']) : 'Here they happen to match.',
  ], figure);
}

/** Step 3: the waterfall of fair shares, and for the chosen player its extra by arrival position. */
export function stepOrders(step, { result, coalitions, values, voice, name }) {
  const f = voice.f;
  const v = (x) => value(x, f(x));
  const n = result.players.length;
  const player = result.players.find((p) => p.name === name) ?? result.players[0];
  const who = voice.name(player.name);
  const width = widthOf(step.querySelector('.step-chart'), { min: 300, max: 560 });
  const figure = document.createElement('div');
  renderWaterfall(figure, result, voice, { width });
  const extras = coalitions ? arrivalExtras(coalitions, values, player.name) : null;
  const orders = n <= 10 ? `all ${factorial(n).toLocaleString('en-US')} orders` : 'every order';
  const sampled = result.method === 'permutation';
  const lead = [
    `Let the ${voice.players} arrive one by one, in ${orders}${sampled ? ` (here a sample of ${result.permutations.toLocaleString('en-US')} random orders)` : ''}, and note what each adds when it arrives. `,
  ];
  const detail = extras && n <= 10
    ? [`Arriving ${ORDINAL[0]}, ${who} adds `, v(extras[0].mean), `; arriving last, `, v(extras.at(-1).mean), '. ', 'The average over every order, ', v(player.value), `, is ${who}’s fair share.`]
    : [`The average is each ${voice.player}’s fair share: ${who}’s is `, v(player.value), '.'];
  setStep(step, [...lead, ...detail, ' The shares stack up exactly to the total.'], figure.firstChild);
}
