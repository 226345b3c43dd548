// CSV export of the result tables: built from the result object (full
// precision, not the rounded display) and offered as a Blob download.

function csvField(value) {
  if (value == null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const lo = (ci) => (Array.isArray(ci) ? ci[0] : null);
const hi = (ci) => (Array.isArray(ci) ? ci[1] : null);

/** One long CSV with a `table` column naming the section each row comes from. */
export function resultToCsv(result) {
  const header = ['table', 'arm', 'vs', 'n', 'mean', 'diff', 'ci_low', 'ci_high', 'p_value', 'relative_lift', 'relative_lift_ci_low', 'relative_lift_ci_high', 'variance_reduction', 'theta'];
  const rows = [header];
  for (const a of result.arms) rows.push(['arm', a.name, '', a.n, a.mean, '', lo(a.ci), hi(a.ci), '', '', '', '', '', '']);
  for (const c of result.comparisons) {
    rows.push(['comparison', c.arm, c.vs, '', '', c.diff, lo(c.ci), hi(c.ci), c.p_value, c.relative_lift, lo(c.relative_lift_ci), hi(c.relative_lift_ci), '', '']);
  }
  for (const c of result.cuped?.comparisons ?? []) {
    rows.push(['cuped', c.arm, c.vs, '', '', c.diff, lo(c.ci), hi(c.ci), c.p_value, '', '', '', c.variance_reduction, result.cuped.theta]);
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export { downloadCsv } from '../kit/download.js';
