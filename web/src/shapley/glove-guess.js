// Step 4, guess then reveal: one person owns a left glove, two people own a right glove each, and a
// pair is worth 1. The reader picks a split first; "Reveal" computes the Shapley values in the engine
// (not a stored answer) and sets them beside the guess.
import { el } from '../dom.js';
import { num } from '../kit/format.js';
import { COLORS, Plot, chart, widthOf } from '../kit/plot.js';
import { setStep, value } from '../kit/story.js';

const GAME = { type: 'glove', left: ['L'], right: ['R1', 'R2'] };
// The splits offered as guesses: the left owner's share (each right owner gets half of the rest).
const GUESSES = [
  { id: 'equal', left: 1 / 3, text: 'Equal: a third each' },
  { id: 'half', left: 1 / 2, text: 'Half to the left owner, a quarter to each right owner' },
  { id: 'two-thirds', left: 2 / 3, text: 'Two thirds to the left owner, a sixth to each right owner' },
  { id: 'all', left: 1, text: 'All of it to the left owner' },
];

const intro = 'One person owns a left glove (L); two people own a right glove each (R1, R2). Only a left-and-right pair is worth anything: 1. How should that 1 be split? Guess first, then reveal.';

/** Builds the guess form into `container`; `run()` computes the glove game's values. */
export function installGloveGuess(step, container, run, openGame) {
  setStep(step, intro, null);
  const radios = GUESSES.map((g, i) =>
    el('label', { class: 'choice' }, el('input', { type: 'radio', name: 'glove-guess', value: g.id, checked: i === 0 ? true : null }), ` ${g.text}`),
  );
  const reveal = el('button', { type: 'button', id: 'glove-reveal', class: 'secondary small' }, 'Reveal the fair split');
  const status = el('p', { id: 'glove-status', class: 'muted', role: 'status' });
  const play = el('button', { type: 'button', id: 'glove-open', class: 'secondary small', hidden: true, onclick: openGame }, 'Play with the glove game on this page');
  const form = el('fieldset', { class: 'guess-form' }, el('legend', {}, 'Your guess'), radios, el('div', { class: 'guess-actions' }, reveal, play), status);
  container.replaceChildren(form);
  reveal.addEventListener('click', async () => {
    const guess = GUESSES.find((g) => g.id === container.querySelector('input[name="glove-guess"]:checked')?.value) ?? GUESSES[0];
    reveal.disabled = true;
    status.textContent = 'Computing…';
    try {
      const result = await run({ method: 'exact', game: GAME });
      status.textContent = '';
      showTruth(step, result, guess);
      play.hidden = false;
    } catch (error) {
      status.textContent = `Could not compute the glove game: ${error.message}`;
    } finally {
      reveal.disabled = false;
    }
  });
}

function showTruth(step, result, guess) {
  const left = result.players.find((p) => p.name === 'L');
  const right = result.players.find((p) => p.name === 'R1');
  const rows = result.players.flatMap((p) => [
    { who: p.name, kind: 'Your guess', x: p.name === 'L' ? guess.left : (1 - guess.left) / 2 },
    { who: p.name, kind: 'Fair share (Shapley)', x: p.value },
  ]);
  const kinds = ['Your guess', 'Fair share (Shapley)'];
  const figure = chart(
    {
      width: widthOf(step.querySelector('.step-chart'), { min: 280, max: 480 }),
      height: 190,
      marginLeft: 40,
      marginRight: 50,
      x: { label: 'share of the pair', domain: [0, 1], grid: true },
      y: { label: null, domain: kinds, axis: null },
      fy: { label: null, domain: ['L', 'R1', 'R2'], padding: 0.2 },
      color: { domain: kinds, range: [COLORS.muted, COLORS.ours], legend: true },
      marks: [Plot.barX(rows, { x: 'x', y: 'kind', fy: 'who', fill: 'kind' }), Plot.text(rows, { x: 'x', y: 'kind', fy: 'who', text: (d) => num(d.x), dx: 4, textAnchor: 'start', fill: '#333' })],
    },
    `Your guess beside the fair split: L ${num(left.value)}, R1 and R2 ${num(right.value)} each.`,
  );
  figure.id = 'glove-chart';
  const close = Math.abs(guess.left - left.value) < 1e-9;
  setStep(step, [
    'The fair split: L gets ', value(left.value, num(left.value)), ', R1 and R2 ', value(right.value, num(right.value)), ' each. ',
    'L is needed for every pair while either right glove will do, so the scarce side holds most of the value. ',
    close ? 'Your guess was right.' : `You guessed ${num(guess.left)} for L.`,
  ], figure);
  step.dataset.revealed = 'true';
}
