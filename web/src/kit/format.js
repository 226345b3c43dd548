// The one number formatter of the site: every card, sentence, table, chart label and export header
// formats through here. Three significant figures by default, thousands separators, units, a true minus
// sign, percentages and percentage points, intervals as "7.7 pp (7.0 to 8.4)", p-values as "< 0.001".
// A number the core did not report (null, NaN, ±Infinity) becomes "n/a", never "NaN".
// Exports keep full precision: they write the raw numbers, not these strings.

export const NA = 'n/a';
const MINUS = '\u2212';
export const isNum = (x) => typeof x === 'number' && Number.isFinite(x);

const formatters = new Map();
function intl(digits, min = 0) {
  const key = `${digits}/${min}`;
  if (!formatters.has(key)) {
    formatters.set(key, new Intl.NumberFormat('en-US', { maximumSignificantDigits: digits, minimumSignificantDigits: Math.max(1, min) }));
  }
  return formatters.get(key);
}

const sign = (x, signed) => (x < 0 ? MINUS : signed && x > 0 ? '+' : '');

/**
 * A plain number: 3 significant figures, separators (88,800; 1.38; 0.0761). Millions and up read
 * "1.23 million". `digits` for more where a person needs them (never more than 4 on a first screen).
 */
export function num(x, { digits = 3, signed = false, keepZeros = false } = {}) {
  if (!isNum(x)) return NA;
  const abs = Math.abs(x);
  if (abs === 0) return '0';
  const f = intl(digits, keepZeros ? digits : 0);
  let body;
  if (abs >= 1e9) body = `${f.format(abs / 1e9)} billion`;
  else if (abs >= 1e6) body = `${f.format(abs / 1e6)} million`;
  else if (abs < 1e-4) body = abs.toExponential(digits - 1).replace(/\.?0+e/, 'e').replace('e-', `e${MINUS}`);
  else body = f.format(abs);
  if (body === '0') return '0';
  return sign(x, signed) + body;
}

/** A count of things: a whole number with separators (20,000 customers), rounded to 3 figures above 10,000 unless exact. */
export function count(x, { exact = false, signed = false } = {}) {
  if (!isNum(x)) return NA;
  const r = Math.round(x);
  if (exact || Math.abs(r) < 10_000) return sign(r, signed) + Math.abs(r).toLocaleString('en-US');
  return num(r, { signed });
}

/** Money: "$5,080", "−$120", "$1.2 million". */
export function money(x, { symbol = '$', digits = 3, signed = false, keepZeros = false } = {}) {
  if (!isNum(x)) return NA;
  return sign(x, signed) + symbol + num(Math.abs(x), { digits, keepZeros });
}

/** A share as a percentage: 0.0766 → "7.66%". */
export function pct(x, { digits = 3, signed = false, keepZeros = false } = {}) {
  if (!isNum(x)) return NA;
  return `${num(x * 100, { digits, signed, keepZeros })}%`;
}

/** A difference of two rates in percentage points: 0.0766 → "+7.66 pp". */
export function pp(x, { digits = 3, signed = true, keepZeros = false } = {}) {
  if (!isNum(x)) return NA;
  return `${num(x * 100, { digits, signed, keepZeros })} pp`;
}

/**
 * An estimate with its interval: "7.7 pp (7.0 to 8.4)"; `f` formats each end (the unit is said once);
 * pass keepZeros in `f` so both ends read alike (7.0, not 7).
 */
export function ci(estimate, interval, f = num) {
  const e = f(estimate);
  if (!Array.isArray(interval) || !isNum(interval[0]) || !isNum(interval[1])) return e;
  const bare = (x) => stripUnit(f(x));
  return `${e} (${bare(interval[0])} to ${bare(interval[1])})`;
}
const stripUnit = (s) => s.replace(/ pp$/, '').replace(/^\+/, '');

/** An interval alone: "0.070 to 0.083". */
export function range(lo, hi, f = num) {
  if (!isNum(lo) || !isNum(hi)) return NA;
  return `${stripUnit(f(lo))} to ${stripUnit(f(hi))}`;
}

/** p-values as a person quotes them: "< 0.001", "0.034", "0.41". */
export function pValue(p) {
  if (!isNum(p)) return NA;
  if (p < 0.001) return '< 0.001';
  return num(p, { digits: p < 0.01 ? 1 : 2 });
}

/** A change against a baseline: "−24 bookings (−14%)"; `f` formats the absolute change, `unit` follows it. */
export function change(now, before, { f = num, unit = '' } = {}) {
  if (!isNum(now) || !isNum(before)) return NA;
  const delta = now - before;
  const abs = f(delta, { signed: true });
  const rel = before !== 0 ? ` (${pct(delta / Math.abs(before), { digits: 2, signed: true })})` : '';
  return `${abs}${unit ? ` ${unit}` : ''}${rel}`;
}

/** Seconds or milliseconds, for "solved in …". */
export function duration(ms) {
  if (!isNum(ms)) return NA;
  return ms < 1000 ? `${Math.round(ms).toLocaleString('en-US')} ms` : `${num(ms / 1000, { digits: 2 })} s`;
}

/** "1 customer", "2 customers". */
export const plural = (n, one, many = `${one}s`) => `${count(n)} ${Math.abs(Math.round(n)) === 1 ? one : many}`;
