// How this page writes the numbers of one outcome, through the kit's formatter: a yes/no outcome as
// rates ("18.3%") and differences in percentage points ("+7.7 pp (7.0 to 8.3)"), money as dollars,
// anything else as a plain number. Differences keep two significant figures with their zeros, so
// both ends of an interval read alike ("7.0 to 8.3").
import { isNum, money, NA, num, pct } from '../kit/format.js';

const ppNumber = (x, signed) => num(x * 100, { digits: 2, keepZeros: true, signed });

/** @param {'share'|'money'|'number'} kind */
export function measure(kind) {
  if (kind === 'share') {
    return {
      level: (x) => pct(x),
      diff: (x) => (isNum(x) ? `${ppNumber(x, true)} pp` : NA),
      diffLong: (x) => (isNum(x) ? `${ppNumber(x, true)} percentage points` : NA),
      end: (x) => ppNumber(x, false),
      // Charts draw a share's differences in percentage points.
      scale: 100,
      axisUnit: 'percentage points',
      tick: (x) => num(x),
    };
  }
  if (kind === 'money') {
    // Differences keep three figures with their zeros ("+$0.770 ($0.485 to $1.05)").
    const dollars = (x, signed) => money(x, { keepZeros: true, signed });
    return {
      level: (x) => money(x),
      diff: (x) => dollars(x, true),
      diffLong: (x) => dollars(x, true),
      end: (x) => dollars(x, false),
      scale: 1,
      axisUnit: '$',
      tick: (x) => money(x),
    };
  }
  return {
    level: (x) => num(x),
    diff: (x) => num(x, { signed: true }),
    diffLong: (x) => num(x, { signed: true }),
    end: (x) => num(x),
    scale: 1,
    axisUnit: '',
    tick: (x) => num(x),
  };
}

/** "+7.7 pp (7.0 to 8.3)": an estimate with its interval, the unit said once. */
export function withInterval(m, estimate, interval, long = false) {
  const e = (long ? m.diffLong : m.diff)(estimate);
  if (!Array.isArray(interval) || !isNum(interval[0]) || !isNum(interval[1])) return e;
  return `${e} (${m.end(interval[0])} to ${m.end(interval[1])})`;
}

/** Whether an interval leaves out zero (the data rule out "no change"). */
export const excludesZero = (ci) => Array.isArray(ci) && isNum(ci[0]) && isNum(ci[1]) && (ci[0] > 0 || ci[1] < 0);

/** How often chance alone gives a difference this large, in words. */
export function chanceWords(p) {
  if (!isNum(p)) return 'we cannot say how often chance alone would give a difference this large';
  if (p < 0.001) return 'would almost never appear by chance';
  if (p < 0.01) return 'would rarely appear by chance';
  if (p < 0.05) return 'would appear by chance less than 1 time in 20';
  return 'could easily appear by chance';
}
