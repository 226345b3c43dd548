// The first screen: the answer sentence for the chosen player ("Without e-mail it would be …"), its cards,
// and the one chart (each player's fair share beside its "switch it off alone" credit). Everything here is
// a look-up in the result already computed — no engine call — so the chooser answers instantly.
import { el } from '../dom.js';
import { isNum } from '../kit/format.js';
import { COLORS, Plot, chart, widthOf } from '../kit/plot.js';
import { card, setAnswer, value } from '../kit/story.js';
import { spelled } from './words.js';

const $ = (id) => document.getElementById(id);
const near = (a, b, scale) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(scale));

/** The numbers the sentences need for player `name`, all from the result. */
export function facts(result, name) {
  const p = result.players.find((q) => q.name === name) ?? result.players[0];
  const all = result.grand_coalition;
  const none = result.empty_coalition;
  return {
    player: p,
    all,
    none,
    total: result.total,
    without: all - p.leave_one_out, // v(all but this one)
    only: none + p.alone, // v(this one only)
    looSum: result.naive.leave_one_out_sum,
  };
}

/** The answer: what all make, what "without" and "only" would be, and the fair share. */
export function writeAnswer(target, result, name, voice) {
  const { player, all, none, total, without, only } = facts(result, name);
  const f = voice.f;
  const who = voice.name(player.name);
  const n = result.players.length;
  const v = (x, opts) => value(x, f(x, opts));
  const sampled = result.method === 'permutation';
  setAnswer(target, [
    `With ${n === 2 ? 'both' : `all ${spelled(n)}`} ${voice.players} ${voice.value} is `, v(all), '. ',
    `Without ${who} it would be `, v(without), ' ', el('span', { class: 'nowrap' }, '(', v(without - all, { signed: true }), ');'), ` ${who} alone brings `, v(only - none),
    isNum(none) && none !== 0 ? [' over the ', v(none), ` with no ${voice.player}`] : null, '. ',
    `Shared fairly (Shapley${sampled ? ', estimated from random orders' : ''}), ${who}’s credit is `, v(player.value),
    sampled && isNum(player.se) ? [' (± ', v(player.se), ' standard error)'] : null,
    ' of the ', v(total), isNum(none) && none !== 0 ? ` the ${voice.players} add together.` : '.',
  ]);
  target.dataset.player = player.name;
}

/** The cards beside the chooser: without, only, fair share, switch-off credit. */
export function writeCards(container, result, name, voice, baselineResult = null) {
  const { player, all, none, without, only } = facts(result, name);
  const base = baselineResult && baselineResult.players.some((p) => p.name === player.name) ? facts(baselineResult, player.name) : null;
  const who = voice.Name(player.name);
  const f = voice.f;
  const note = (x, from, what) => `${f(x - from, { signed: true })} ${what}`;
  const common = { f };
  container.replaceChildren(
    card({ ...common, kind: 'without', title: `Without ${voice.name(player.name)}`, x: without, text: f(without), note: note(without, all, `vs all ${voice.players}`), baseline: base?.without }),
    card({ ...common, kind: 'only', title: `Only ${voice.name(player.name)}`, x: only, text: f(only), note: note(only, none, `vs no ${voice.player}`), baseline: base?.only }),
    card({ ...common, kind: 'fair', title: `${who}: fair share`, x: player.value, text: f(player.value), note: 'Shapley value', baseline: base?.player.value }),
    card({ ...common, kind: 'switch-off', title: `${who}: switch-off credit`, x: player.leave_one_out, text: f(player.leave_one_out), note: 'what is lost when it alone is off', baseline: base?.player.leave_one_out }),
  );
  if (base) container.append(el('p', { class: 'muted baseline-note' }, 'These are your edited numbers; the baseline is the example’s own (Reset in step 1 brings them back).'));
}

/** The one chart: per player, the fair share and the switch-off credit; the chosen player stands out. */
export function renderStoryChart(container, result, name, voice) {
  const rows = result.players.flatMap((p) => [
    { who: voice.Name(p.name), name: p.name, kind: 'Fair share (Shapley)', x: p.value },
    { who: voice.Name(p.name), name: p.name, kind: 'Switch it off alone', x: p.leave_one_out },
  ]).filter((r) => isNum(r.x));
  const kinds = ['Fair share (Shapley)', 'Switch it off alone'];
  const width = widthOf(container, { min: 300, max: 720 });
  const labelWidth = Math.min(160, 20 + 7.5 * Math.max(...rows.map((r) => r.who.length)));
  const { f } = voice;
  const figure = chart(
    {
      width,
      height: 60 + result.players.length * 58,
      marginLeft: labelWidth,
      marginRight: 70,
      x: { label: voice.unit ? `credit (${voice.unit})` : 'credit', grid: true, nice: true, zero: true, tickFormat: (x) => f(x) },
      y: { label: null, domain: kinds, axis: null },
      fy: { label: null, domain: result.players.map((p) => voice.Name(p.name)), padding: 0.25 },
      color: { domain: kinds, range: [COLORS.ours, COLORS.other], legend: true },
      marks: [
        Plot.ruleX([0], { stroke: '#555' }),
        Plot.barX(rows, { x: 'x', y: 'kind', fy: 'who', fill: 'kind', fillOpacity: (d) => (d.name === name ? 1 : 0.45) }),
        Plot.text(rows, { x: 'x', y: 'kind', fy: 'who', text: (d) => f(d.x), dx: 5, textAnchor: 'start', fill: '#333', fontSize: 12 }),
      ],
    },
    storyAlt(result, voice),
  );
  figure.id = 'credit-chart';
  container.replaceChildren(figure);
}

function storyAlt(result, voice) {
  const parts = result.players.map((p) => `${voice.name(p.name)} ${voice.f(p.value)} fair share, ${voice.f(p.leave_one_out)} switch-off credit`);
  return `Bar chart, per ${voice.player}: its fair share (Shapley value) beside what switching it off alone loses. ${parts.join('; ')}.`;
}

/** The sentence under the chart: the naive credits double count (or leave some unassigned). */
export function writeChartReading(target, result, voice) {
  const { total } = result;
  const loo = result.naive.leave_one_out_sum;
  const f = voice.f;
  const v = (x, o) => value(x, f(x, o));
  if (!isNum(loo) || !isNum(total)) {
    setAnswer(target, ['The switch-off credits cannot be summed: a coalition value is missing.']);
    return;
  }
  const gap = loo - total;
  const shared = near(loo, total, total)
    ? ['add up to the ', v(total), ` the ${voice.players} add together — in this game the sums agree, but each ${voice.player}’s switch-off credit still differs from its fair share.`]
    : gap > 0
      ? ['add up to ', v(loo), ', more than the ', v(total), ` the ${voice.players} add together: `, v(gap), ` is counted twice, because ${voice.players} that work through each other each claim the shared part.`]
      : ['add up to ', v(loo), ', less than the ', v(total), ` the ${voice.players} add together: `, v(-gap), ` is credited to no one (what ${voice.players} can each do for the other).`];
  setAnswer(target, ['The switch-off credits ', ...shared, ' The fair shares add up to exactly ', v(total), '.']);
}

/** Fills the chooser with the game's players, keeping `selected` when it is one of them. */
export function fillChooser(select, result, selected, voice) {
  const names = result.players.map((p) => p.name);
  // A name from another game falls back to e-mail (the example's question) or the first player.
  const chosen = names.includes(selected) ? selected : names.includes('Email') ? 'Email' : names[0];
  const same = select.options.length === names.length && names.every((n, i) => select.options[i].value === n);
  if (!same) select.replaceChildren(...names.map((n) => el('option', { value: n }, voice.Name(n))));
  select.value = chosen;
  $('story-control').querySelector('.field-label').textContent = `Switch off one ${voice.player} (or keep only it)`;
  $('question').textContent = `How much of the result does each ${voice.player} deserve credit for?`;
  return chosen;
}
