// Per-customer CATE as CSV, the columns of the CLI's --predict-out: `row`
// (1-based input line order), `cate`, then every other prediction column the
// core returned (`cate_se` where the estimator has one, `cate_<arm>` per arm
// when there are several), one row per input row, in input order, at full
// precision (JavaScript's shortest round-trip form).
export { downloadCsv } from '../kit/download.js';

function csvField(value) {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const cell = (x) => (typeof x === 'number' && Number.isFinite(x) ? String(x) : '');

/** @param {Record<string, number[]>} predictions the core's `predictions` object */
export function predictionsToCsv(predictions) {
  const names = ['cate', ...Object.keys(predictions).filter((k) => k !== 'cate' && Array.isArray(predictions[k]))];
  const n = predictions.cate?.length ?? 0;
  const lines = [['row', ...names].map(csvField).join(',')];
  for (let i = 0; i < n; i += 1) lines.push([String(i + 1), ...names.map((k) => cell(predictions[k][i]))].join(','));
  return `${lines.join('\n')}\n`;
}
