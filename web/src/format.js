// Number formatting for result tables: one rule per kind of number, and an
// explicit "n/a" with its reason wherever the core returned null.

const isNumber = (x) => typeof x === 'number' && Number.isFinite(x);

/** Six significant digits, as the tests compare with the CLI: 0.0765896. */
export function fmtNum(x, digits = 6) {
  if (!isNumber(x)) return null;
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1e-4 && abs < 1e9) return String(Number(x.toPrecision(digits)));
  return x.toExponential(digits - 1).replace(/\.?0+e/, 'e');
}

/** Integers with thousands separators (row counts). */
export function fmtInt(x) {
  return isNumber(x) ? Math.round(x).toLocaleString('en-US') : null;
}

/** p-values: three significant digits, exponent form below 0.0001. */
export function fmtP(x) {
  if (!isNumber(x)) return null;
  if (x === 0) return '0';
  return x < 1e-4 ? x.toExponential(2) : String(Number(x.toPrecision(3)));
}

/** Shares as percentages (lift, variance reduction), signed when asked. */
export function fmtPct(x, { signed = false, digits = 3 } = {}) {
  if (!isNumber(x)) return null;
  const pct = Number((x * 100).toPrecision(digits));
  return `${signed && pct > 0 ? '+' : ''}${pct}%`;
}

export function fmtInterval(ci, fmt = fmtNum) {
  if (!Array.isArray(ci) || !isNumber(ci[0]) || !isNumber(ci[1])) return null;
  return `[${fmt(ci[0])}, ${fmt(ci[1])}]`;
}
