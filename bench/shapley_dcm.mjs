// Shapley speed bars (issue 7), WASM side of bench/shapley_bench.cpp, in node.
//   node bench/shapley_dcm.mjs MODULE_DIR VARIANT dcm MODEL_JSON PANEL_CSV
// Loads the 50-surrogate x 104-week model and its 1,000-customer panel written
// by `shapley_bench dcm`, then runs `shapley` with the 16 channels as players
// (exact: all 2^16 coalitions), best of 3, with the core's own timing of the
// aggregation pass (over the panel's customers) and of the Shapley part.
//   node bench/shapley_dcm.mjs MODULE_DIR VARIANT airport PLAYERS
// A PLAYERS airport game (costs 1..PLAYERS, shuffled as natively) sampled to an
// SE of 1% of the total, best of 3.
//   node bench/shapley_dcm.mjs MODULE_DIR VARIANT voting PLAYERS
// Weighted voting (weights 1..PLAYERS, strict majority, total 1) sampled to an SE of 0.01.
// MODULE_DIR holds incrementa-VARIANT.mjs/.wasm (e.g. web/public/wasm). One JSON line.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadVariant } from '../tests/wasm/load.js';

const [dir, variant = 'simd', mode = 'dcm', ...rest] = process.argv.slice(2);
const { module } = await loadVariant(variant, path.resolve(dir));
const unwrap = (text) => {
  const e = JSON.parse(text);
  if (!e.ok) throw new Error(`${e.code}: ${e.message}`);
  return e.result;
};
// Best of 3 by wall clock, with the process CPU seconds (all threads) of that run: the machine may be shared.
const best = (f) => {
  let seconds = Infinity;
  let cpuSeconds = Infinity;
  let r;
  for (let rep = 0; rep < 3; rep++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    r = f();
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(c0);
    if (wall < seconds) cpuSeconds = (cpu.user + cpu.system) / 1e6;
    seconds = Math.min(seconds, wall);
  }
  return { r, seconds, cpuSeconds };
};

if (mode === 'dcm') {
  const [modelPath, panelPath] = rest;
  const model = JSON.parse(fs.readFileSync(modelPath, 'utf8'));
  const bytes = fs.readFileSync(panelPath);
  const t0 = performance.now();
  const table = unwrap(module._load_csv(new Uint8Array(bytes), path.basename(panelPath))).table;
  const loadSeconds = (performance.now() - t0) / 1000;
  const options = JSON.stringify({ dcm_model: model, players: 'channels', method: 'exact', timing: true });
  let timing = { aggregate_seconds: Infinity, shapley_seconds: Infinity };
  const { r, seconds, cpuSeconds } = best(() => {
    const out = unwrap(module._run(table, 'shapley', options, null));
    timing = { aggregate_seconds: Math.min(timing.aggregate_seconds, out.timing.aggregate_seconds), shapley_seconds: Math.min(timing.shapley_seconds, out.timing.shapley_seconds), customers: out.timing.customers };
    return out;
  });
  // The same command with 4 sampled orders: parsing the model, building the
  // panel and aggregating, almost no coalitions; its CPU is subtracted below.
  const overhead = best(() => unwrap(module._run(table, 'shapley', JSON.stringify({ dcm_model: model, players: 'channels', method: 'permutation', samples: 4 }), null)));
  const sum = r.players.reduce((a, p) => a + p.value, 0);
  console.log(JSON.stringify({
    what: 'shapley_dcm', build: `wasm-${variant}`, threads: variant === 'simd-threads' ? 'pool' : 1, surrogates: model.variables.length - 1,
    es_channels: r.players.length, weeks: model.periods, csv_load_seconds: loadSeconds,
    aggregate_customers: timing.customers, aggregate_seconds: timing.aggregate_seconds,
    aggregate_seconds_per_100k_customers: (timing.aggregate_seconds * 100000) / timing.customers,
    coalitions: r.evaluations, shapley_seconds: timing.shapley_seconds, command_seconds: seconds, command_cpu_seconds: cpuSeconds,
    overhead_cpu_seconds: overhead.cpuSeconds, shapley_cpu_seconds: cpuSeconds - overhead.cpuSeconds, total: r.total, sum_of_values: sum,
  }));
} else if (mode === 'airport') {
  const n = Number(rest[0] ?? 50);
  // The same costs as shapley_bench airport: 1..n shuffled by Rng(5) — here passed in order and
  // permuted identically is not needed: the game's values are the same up to player names.
  const costs = Array.from({ length: n }, (_, i) => i + 1);
  const players = costs.map((_, i) => `plane${i}`);
  const options = JSON.stringify({ game: { type: 'airport', players, costs }, method: 'permutation', samples: 10000000, target_se: 0.01 * n, seed: 1 });
  const { r, seconds, cpuSeconds } = best(() => unwrap(module._run_standalone('shapley', options, null)));
  let maxSe = 0;
  let maxErr = 0;
  for (const p of r.players) {
    maxSe = Math.max(maxSe, p.se);
    maxErr = Math.max(maxErr, Math.abs(p.value - p.closed_form) / p.se);
  }
  console.log(JSON.stringify({ what: 'shapley_airport', build: `wasm-${variant}`, players: n, target_se: 0.01 * n, max_se: maxSe, permutations: r.permutations, seconds, cpu_seconds: cpuSeconds, max_error_in_se: maxErr }));
} else if (mode === 'voting') {
  const n = Number(rest[0] ?? 50);
  const weights = Array.from({ length: n }, (_, i) => i + 1);
  const quota = Math.floor(weights.reduce((a, b) => a + b, 0) / 2) + 1;
  const players = weights.map((_, i) => `voter${i}`);
  const options = JSON.stringify({ game: { type: 'voting', players, weights, quota }, method: 'permutation', samples: 10000000, target_se: 0.01, seed: 1 });
  const { r, seconds, cpuSeconds } = best(() => unwrap(module._run_standalone('shapley', options, null)));
  const maxSe = Math.max(...r.players.map((p) => p.se));
  console.log(JSON.stringify({ what: 'shapley_voting', build: `wasm-${variant}`, players: n, target_se: 0.01, max_se: maxSe, permutations: r.permutations, seconds, cpu_seconds: cpuSeconds }));
} else {
  throw new Error(`unknown mode '${mode}' (dcm, airport or voting)`);
}
process.exit(0);
