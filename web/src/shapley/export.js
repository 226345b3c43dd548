// CSV export of a Shapley result at full precision: one row per player with
// the Shapley value, its SE, the naive leave-one-out and alone credits, the
// closed form where the game has one and, when computed, one column per other
// player with the pair's interaction index.

export { downloadCsv } from '../kit/download.js';

function csvField(value) {
  if (value == null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function shapleyToCsv(result) {
  const names = result.players.map((p) => p.name);
  const closed = result.players.some((p) => p.closed_form != null);
  const pairs = new Map();
  for (const x of result.interactions ?? []) {
    pairs.set(`${x.a}\u0000${x.b}`, x.value);
    pairs.set(`${x.b}\u0000${x.a}`, x.value);
  }
  const withInteractions = Array.isArray(result.interactions);
  const header = ['player', 'value', 'se', 'leave_one_out', 'alone', ...(closed ? ['closed_form'] : []), ...(withInteractions ? names.map((n) => `interaction_with_${n}`) : [])];
  const rows = [header];
  for (const p of result.players) {
    rows.push([p.name, p.value, p.se, p.leave_one_out, p.alone, ...(closed ? [p.closed_form] : []), ...(withInteractions ? names.map((n) => (n === p.name ? '' : pairs.get(`${p.name}\u0000${n}`))) : [])]);
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
