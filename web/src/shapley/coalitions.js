// The bundled example as coalition values the page can edit: parsed from its CSV (one 0/1 column per
// channel and a value column), written back as CSV for the engine, and kept in the URL as one list of
// numbers in the file's row order. Edits are checked here so a bad box names its coalition.

const inputError = (message) => Object.assign(new Error(message), { code: 'input' });

/** {players, rows: [{members: boolean[], value}]} from the example CSV's text. */
export function parseCoalitions(text) {
  const lines = text.trim().split(/\r?\n/);
  const header = lines[0].split(',').map((s) => s.trim());
  const valueAt = header.indexOf('value');
  const players = header.filter((_, i) => i !== valueAt);
  const rows = lines.slice(1).map((line) => {
    const cells = line.split(',').map((s) => s.trim());
    return { members: header.map((_, i) => cells[i] === '1').filter((_, i) => i !== valueAt), value: Number(cells[valueAt]) };
  });
  return { players, rows };
}

/** The CSV the engine reads (the same format as the bundled file). */
export function toCsv({ players, rows }, values) {
  const lines = [[...players, 'value'].join(',')];
  rows.forEach((r, i) => lines.push([...r.members.map((m) => (m ? '1' : '0')), String(values[i])].join(',')));
  return `${lines.join('\n')}\n`;
}

/** "search + TV", "no channel", "all four channels" — in the page's words. */
export function coalitionName(members, players, voice) {
  const inside = players.filter((_, i) => members[i]);
  if (inside.length === 0) return `no ${voice.player}`;
  if (inside.length === players.length && players.length > 2) return `all ${players.length === 4 ? 'four' : players.length} ${voice.players}`;
  return inside.map(voice.name).join(' + ');
}

/** The braces form the engine's messages use: "{TV, Email}". */
export const braces = (members, players) => `{${players.filter((_, i) => members[i]).join(', ')}}`;

/**
 * The values typed in the boxes, or an error naming the first bad one.
 * @param {{text: string, badInput: boolean}[]} boxes one per row
 */
export function readBoxes(boxes, coalitions, voice) {
  return boxes.map((box, i) => {
    const t = box.text.trim();
    const where = `The ${voice.value} with ${coalitionName(coalitions.rows[i].members, coalitions.players, voice)} ${braces(coalitions.rows[i].members, coalitions.players)}`;
    if (box.badInput) throw inputError(`${where} is not a number: type a number such as 120.`);
    if (t === '') throw inputError(`${where} is empty: type a number such as 120.`);
    const x = Number(t);
    if (!Number.isFinite(x)) throw inputError(`${where} is not a number ('${t}'): type a number such as 120.`);
    return x;
  });
}

/** The URL form: "100,115,…" (full precision), or '' when the values are the bundled ones. */
export function valuesParam(values, bundled) {
  return values.every((x, i) => x === bundled[i]) ? '' : values.map(String).join(',');
}

/** The values of a "values" URL parameter, or an error saying what is wrong with it. */
export function parseValuesParam(text, count) {
  const parts = text.split(',');
  if (parts.length !== count) throw inputError(`The link's coalition values list ${parts.length} numbers; the example has ${count} coalitions.`);
  return parts.map((p, i) => {
    const x = Number(p.trim());
    if (p.trim() === '' || !Number.isFinite(x)) throw inputError(`The link's coalition value number ${i + 1} ('${p}') is not a number.`);
    return x;
  });
}

/**
 * What a player adds on arrival, averaged by arrival position, from the coalition values (exact, small n):
 * [{position (1 = first), mean}] — the Shapley value is the mean of these means.
 */
export function arrivalExtras({ players, rows }, values, player) {
  const n = players.length;
  const byMask = new Map(rows.map((r, i) => [r.members.reduce((m, on, k) => (on ? m | (1 << k) : m), 0), values[i]]));
  const i = players.indexOf(player);
  const sums = new Array(n).fill(0);
  const counts = new Array(n).fill(0);
  for (let mask = 0; mask < 1 << n; mask++) {
    if (mask & (1 << i)) continue;
    const size = popcount(mask);
    const before = byMask.get(mask);
    const after = byMask.get(mask | (1 << i));
    if (before == null || after == null) return null;
    sums[size] += after - before;
    counts[size] += 1;
  }
  return sums.map((s, k) => ({ position: k + 1, mean: s / counts[k] }));
}

const popcount = (m) => {
  let c = 0;
  for (let x = m; x; x &= x - 1) c++;
  return c;
};
