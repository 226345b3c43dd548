// The assignments export: one row per customer (the id when there is one, the segment, the factor scores)
// at full precision, as the CLI's --out writes it.
export { downloadCsv } from '../kit/download.js';

const cell = (x) => {
  const s = typeof x === 'number' ? (Number.isFinite(x) ? String(x) : '') : String(x ?? '');
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function assignmentsToCsv(result) {
  const a = result.assignments;
  const k = result.factors?.k ?? a.scores?.[0]?.length ?? 0;
  const hasId = Array.isArray(a.id) && a.id.length === a.segment.length;
  const header = [...(hasId ? [result.id || 'id'] : []), 'segment', ...Array.from({ length: k }, (_, j) => `factor_${j + 1}`)];
  const lines = [header.join(',')];
  for (let i = 0; i < a.segment.length; i++) {
    lines.push([...(hasId ? [cell(a.id[i])] : []), cell(a.segment[i]), ...(a.scores?.[i] ?? []).map(cell)].join(','));
  }
  return `${lines.join('\n')}\n`;
}
