// The site's one number formatter (web/src/kit/format.js): what a person reads for the numbers the issue
// quoted as unreadable, and that nothing the core leaves out prints as NaN.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { change, ci, count, duration, money, NA, num, pct, plural, pp, pValue, range } from '../../web/src/kit/format.js';

const M = '\u2212';

describe('kit/format.js', () => {
  it('rounds to 3 significant figures with separators', () => {
    assert.equal(num(1.38415), '1.38');
    assert.equal(num(0.0760498), '0.076');
    assert.equal(num(88813.2), '88,800');
    assert.equal(num(187787), '188,000');
    assert.equal(num(-5076), `${M}5,080`);
    assert.equal(num(2.5e6), '2.5 million');
    assert.equal(num(0.000119217), '0.000119');
    assert.equal(num(3e-7), `3e${M}7`);
    assert.equal(num(0), '0');
    assert.equal(num(4, { signed: true }), '+4');
  });

  it('says n/a for what the core did not report, never NaN', () => {
    for (const f of [num, count, money, pct, pp, pValue, duration]) {
      for (const x of [null, undefined, NaN, Infinity, '3']) assert.equal(f(x), NA, `${f.name}(${x})`);
    }
    assert.equal(change(1, null), NA);
    assert.equal(range(1, NaN), NA);
  });

  it('writes rate differences in percentage points and intervals as "x (lo to hi)"', () => {
    assert.equal(pp(0.0766), '+7.66 pp');
    assert.equal(pp(-0.012, { digits: 2 }), `${M}1.2 pp`);
    assert.equal(ci(0.0766, [0.0701, 0.0832], (x) => pp(x, { digits: 2, keepZeros: true })), '+7.7 pp (7.0 to 8.3)');
    assert.equal(ci(5, [4, null]), '5', 'an interval with a missing end is left out');
    assert.equal(pct(0.1831), '18.3%');
    assert.equal(money(5076), '$5,080');
    assert.equal(money(-120.4), `${M}$120`);
  });

  it('quotes p-values as people do', () => {
    assert.equal(pValue(1.36e-112), '< 0.001');
    assert.equal(pValue(0.0342), '0.034');
    assert.equal(pValue(0.00512), '0.005');
    assert.equal(pValue(0.4137), '0.41');
  });

  it('states a change against a baseline with its relative size', () => {
    assert.equal(change(146, 170, { unit: 'bookings' }), `${M}24 bookings (${M}14%)`);
    assert.equal(change(1.44, 1.38), '+0.06 (+4.3%)');
    assert.equal(change(3, 0), '+3', 'no relative change from zero');
  });

  it('counts exactly below 10,000 and reads durations', () => {
    assert.equal(count(20000, { exact: true }), '20,000');
    assert.equal(count(1234.4), '1,234');
    assert.equal(count(123456), '123,000');
    assert.equal(plural(1, 'customer'), '1 customer');
    assert.equal(plural(2, 'customer'), '2 customers');
    assert.equal(duration(240.4), '240 ms');
    assert.equal(duration(3912), '3.9 s');
  });
});
