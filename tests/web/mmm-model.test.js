// The marketing-mix page's what-if arithmetic (web/src/mmm/model.js) against the core's own numbers on the
// PyMC-Marketing example and a Hill-curve fit of the simulated world: the recomputed curves equal the
// core's contributions and response curves, and the JS reallocation at the spent total gives the core's
// `allocation.kpi_new` within 0.5% (the grids differ), never more than the total. Needs the native CLI.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { carryWeeks, channelKpi, geometricWeights, mediaKpi, planner } from '../../web/src/mmm/model.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(root, 'build/native/incrementa');
const skip = fs.existsSync(CLI) ? false : 'the native CLI is not built';
const fit = (args) => JSON.parse(execFileSync(CLI, ['mmm', 'fit', '--bootstrap', '0', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 }));

describe('mmm page model (web/src/mmm/model.js)', { skip }, () => {
  const cases = skip ? [] : (() => {
    const world = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mmm-model-')), 'w.csv');
    execFileSync(CLI, ['simulate', 'mmm', '--seed', '2', '--out', world]);
    return [
      ['PyMC example, logistic', fit(['--data', path.join(root, 'data/mmm-pymc-example/mmm_example.csv'), '--controls', 'event_1,event_2'])],
      ['simulated world, Weibull + Hill', fit(['--data', world, '--controls', 'promo', '--channels', 'tv,search,social', '--adstock', 'weibull', '--saturation', 'hill'])],
    ];
  })();

  it('recomputes contributions and response curves exactly', () => {
    for (const [what, r] of cases) {
      for (const c of r.channels) {
        const kind = r.model.saturation;
        assert.ok(Math.abs(channelKpi(c, kind, 1) - c.contribution) <= 1e-9 * c.contribution, `${what} ${c.name}: contribution`);
        c.curve.multiplier.forEach((m, i) => assert.ok(Math.abs(channelKpi(c, kind, m) - c.curve.kpi[i]) <= 1e-9 * Math.max(1, c.curve.kpi[i]), `${what} ${c.name}: curve at ${m}`));
      }
      assert.ok(Math.abs(mediaKpi(r, r.channels.map(() => 1)) - r.media_kpi) <= 1e-9 * r.media_kpi, `${what}: media KPI`);
    }
  });

  it('reallocates the spent total like the core (within 0.5%), within the bounds and the total', () => {
    for (const [what, r] of cases) {
      const p = planner(r);
      const t0 = performance.now();
      const b = p.best(r.allocation.total);
      const ms = performance.now() - t0;
      assert.ok(b.feasible);
      assert.ok(Math.abs(b.kpi - r.allocation.kpi_new) <= 0.005 * r.allocation.kpi_new, `${what}: JS ${b.kpi}, core ${r.allocation.kpi_new}`);
      assert.ok(b.kpi >= r.allocation.kpi_now * (1 - 1e-9), `${what}: never worse than as spent`);
      assert.ok(b.spend.reduce((s, x) => s + x, 0) <= r.allocation.total * (1 + 1e-9), `${what}: within the total`);
      b.multiplier.forEach((m) => assert.ok(m >= r.allocation.lower - 1e-9 && m <= r.allocation.upper + 1e-9, `${what}: bounds`));
      assert.ok(Math.abs(mediaKpi(r, b.multiplier) - b.kpi) <= 1e-9 * b.kpi, `${what}: the split's KPI is its curves' sum`);
      assert.ok(ms < 100, `${what}: one reallocation takes ${ms} ms`);
      assert.equal(p.best(0.2 * r.allocation.total).feasible, false, 'below the lower bounds: no split');
    }
  });

  it('reads geometric adstock weights as weeks of carry-over', () => {
    assert.deepEqual(geometricWeights(0, 4), [1, 0, 0, 0]);
    assert.equal(carryWeeks(geometricWeights(0)), 1);
    assert.equal(carryWeeks(geometricWeights(0.5)), 4);
  });
});
