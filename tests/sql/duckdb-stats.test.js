// Issue 17: the DCM's sufficient statistics computed by SQL on DuckDB (the
// query `incrementa sql` prints) give the same model as in-core training on
// the same panel; the Spark dialect of the query parses with Spark SQL's
// grammar (dt-sql-parser). No Spark runs here: the Spark query is checked for
// syntax only, and its dialect-neutral body is the one DuckDB runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { register } from 'node:module';
import { DuckDBInstance } from '@duckdb/node-api';
import { cli } from '../wasm/cli.js';
import { diffJson } from '../wasm/compare.js';
import { root } from '../wasm/load.js';

const panel = path.join(root, 'data/online-retail/panel.csv');
const config = path.join(root, 'data/online-retail/config.json');
const dir = mkdtempSync(path.join(tmpdir(), 'incrementa-sql-'));

async function query(sql) {
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  const reader = await connection.runAndReadAll(sql);
  return { columns: reader.columnNames(), rows: reader.getRows() };
}

// Full precision: String() of a double is its shortest round-trip form.
function toCsv({ columns, rows }) {
  return [columns.join(','), ...rows.map((r) => r.map((v) => String(typeof v === 'bigint' ? Number(v) : v)).join(','))].join('\n') + '\n';
}

test('DuckDB statistics train the same DCM as the panel (1e-9 relative)', async () => {
  const from = `read_csv('${panel}')`;
  const printed = cli(['sql', '--config', config, '--dialect', 'duckdb', '--from', from]);
  assert.equal(printed.status, 0, printed.stderr);
  const check = await query(printed.json.check);
  const [rows, customers, pairs, first, last, missing, varying] = check.rows[0].map(Number);
  assert.equal(rows, pairs, 'one row per customer and period');
  assert.equal(rows, customers * (last - first + 1), 'balanced panel');
  assert.equal(missing, 0);
  assert.equal(varying, 0);

  const stats = await query(printed.json.statistics);
  const statsFile = path.join(dir, 'stats.csv');
  writeFileSync(statsFile, toCsv(stats));
  const fromStats = cli(['dcm', 'train', '--stats', statsFile, '--config', config, '--model-out', path.join(dir, 'stats-model.json')]);
  assert.equal(fromStats.status, 0, fromStats.stderr);
  const inCore = cli(['dcm', 'train', '--panel', panel, '--config', config, '--model-out', path.join(dir, 'panel-model.json')]);
  assert.equal(inCore.status, 0, inCore.stderr);
  // Same customers, periods and equations; coefficients, SEs and R^2 within
  // 1e-9 relative (only the summation order differs: DuckDB's vs Eigen's).
  for (const key of ['customers', 'periods', 'first_period', 'equations']) assert.equal(fromStats.json[key], inCore.json[key], key);
  assert.deepEqual(diffJson(fromStats.json.outcome_equations, inCore.json.outcome_equations, 1e-9), []);
  assert.deepEqual(diffJson(fromStats.json.targets, inCore.json.targets, 1e-9), []);
  const a = JSON.parse(readFileSync(path.join(dir, 'stats-model.json'), 'utf8'));
  const b = JSON.parse(readFileSync(path.join(dir, 'panel-model.json'), 'utf8'));
  assert.deepEqual(diffJson(a.equations, b.equations, 1e-9), []);
});

test('dcm stats writes the in-core statistics: training on them gives the same bits as training on the panel', () => {
  const statsFile = path.join(dir, 'core-stats.csv');
  const r = cli(['dcm', 'stats', '--panel', panel, '--config', config, '--out', statsFile]);
  assert.equal(r.status, 0, r.stderr);
  const fromStats = cli(['dcm', 'train', '--stats', statsFile, '--config', config, '--model-out', path.join(dir, 'core-stats-model.json')]);
  const inCore = cli(['dcm', 'train', '--panel', panel, '--config', config, '--model-out', path.join(dir, 'core-panel-model.json')]);
  assert.equal(fromStats.status, 0, fromStats.stderr);
  const a = JSON.parse(readFileSync(path.join(dir, 'core-stats-model.json'), 'utf8'));
  const b = JSON.parse(readFileSync(path.join(dir, 'core-panel-model.json'), 'utf8'));
  assert.deepEqual(diffJson(a.equations, b.equations, 0), []);  // shortest round-trip CSV: exact
  assert.equal(inCore.json.customers, fromStats.json.customers);
});

test('statistics with a period missing or a column missing fail with the column or period named', async () => {
  const printed = cli(['sql', '--config', config, '--from', `read_csv('${panel}')`]);
  const stats = await query(printed.json.statistics);
  const gap = { columns: stats.columns, rows: stats.rows.filter((_, i) => i !== 3) };
  writeFileSync(path.join(dir, 'gap.csv'), toCsv(gap));
  const r1 = cli(['dcm', 'train', '--stats', path.join(dir, 'gap.csv'), '--config', config, '--model-out', path.join(dir, 'x.json')]);
  assert.notEqual(r1.status, 0);
  assert.match(r1.stderr, /gap\.csv: line 5: period 14 does not follow 12 \(expected consecutive periods/);
  const drop = stats.columns.indexOf('g_3_7');
  const cut = { columns: stats.columns.filter((_, i) => i !== drop), rows: stats.rows.map((r) => r.filter((_, i) => i !== drop)) };
  writeFileSync(path.join(dir, 'cut.csv'), toCsv(cut));
  const r2 = cli(['dcm', 'train', '--stats', path.join(dir, 'cut.csv'), '--config', config, '--model-out', path.join(dir, 'x.json')]);
  assert.notEqual(r2.status, 0);
  assert.match(r2.stderr, /cut\.csv: no column 'g_3_7'/);
});

test("the Spark dialect's queries parse with Spark SQL's grammar", async () => {
  // dt-sql-parser's ES build imports directories, which node's ESM resolver refuses: resolve them to index.js.
  register('./dir-import-hook.js', import.meta.url);
  const { SparkSQL } = await import('dt-sql-parser');
  const spark = new SparkSQL();
  const printed = cli(['sql', '--config', config, '--dialect', 'spark', '--from', 'warehouse.panel']);
  assert.equal(printed.status, 0, printed.stderr);
  assert.match(printed.json.statistics, /`invoices`/);  // Spark quotes identifiers with backticks
  assert.deepEqual(spark.validate(printed.json.statistics), []);
  assert.deepEqual(spark.validate(printed.json.check), []);
  // The check can fail: a broken query is reported.
  assert.ok(spark.validate(printed.json.statistics.replace('GROUP BY', 'GROUP')).length > 0);
});
