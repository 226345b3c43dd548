// CSV export of the plan: one row per input row, in input order, with the
// chosen offer's name or "none" (as the CLI's --out writes it), built from
// the core's assignment (0 = none, k = offers[k-1]).
export { downloadCsv } from '../kit/download.js';

export function planToCsv(result) {
  const names = ['none', ...result.offers.map((o) => o.name)];
  const field = (t) => (/[",\r\n]/.test(t) ? `"${t.replaceAll('"', '""')}"` : t);
  const lines = ['row,offer'];
  result.assignment.forEach((k, i) => lines.push(`${i + 1},${field(names[k])}`));
  return lines.join('\r\n') + '\r\n';
}
