// How the page speaks about the game on screen: what a player is called ("channel", "voter"), what the
// value is ("weekly revenue", "pairs of gloves"), its unit, and the players' domain names ("e-mail", not
// "Email"). Every number goes through kit/format.js.
import { money, num } from '../kit/format.js';
import { EXAMPLE } from './games.js';

const thousandDollars = (x, { signed = false } = {}) => {
  const s = money(x, { signed });
  return s === 'n/a' ? s : `${s}k`;
};

const VOICES = {
  example: { player: 'channel', players: 'channels', value: 'revenue', unit: '$ thousand a week', f: thousandDollars, names: EXAMPLE.names },
  local: { player: 'player', players: 'players', value: 'the value', unit: '', f: num },
  glove: { player: 'glove owner', players: 'glove owners', value: 'the number of pairs', unit: 'pairs', f: num },
  airport: { player: 'plane', players: 'planes', value: 'the runway cost', unit: '', f: num },
  voting: { player: 'voter', players: 'voters', value: 'the vote (1 = it passes)', unit: '', f: num },
  dcm: { player: 'channel', players: 'channels', value: 'total spend', unit: '', f: num, names: { es_reorder: 'reorder reminders', es_recs: 'recommendations', es_qa: 'Q&A answers' } },
};

/** The words for `game`: {player, players, value, unit, f(x, {signed}), name(p), Name(p)}. */
export function voice(game) {
  const v = VOICES[game] ?? VOICES.local;
  const name = (p) => v.names?.[p] ?? p;
  return { ...v, name, Name: (p) => capitalise(name(p)) };
}

export const capitalise = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);

const SMALL = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
/** "four", or "12" above ten. */
export const spelled = (n) => SMALL[n] ?? String(n);
