// A settings column's text fields read as numbers: empty → the default, anything else must be a number in
// range or it is a clear 'config' error naming the field (the page shows it and keeps its results).

export const configError = (message) => Object.assign(new Error(message), { code: 'config' });

const textOf = (id) => document.getElementById(id).value.trim();

/** A whole number from field `id` in [lo, hi]; empty → fallback. */
export function intField(id, name, fallback, lo, hi) {
  const text = textOf(id);
  if (text === '') return fallback;
  const x = Number(text);
  if (!Number.isInteger(x) || x < lo || x > hi) throw configError(`${name} must be a whole number from ${lo} to ${hi}, got '${text}'`);
  return x;
}

/** A number from field `id` in [lo, hi]; empty → fallback. */
export function numField(id, name, fallback, lo = -Infinity, hi = Infinity) {
  const text = textOf(id);
  if (text === '') return fallback;
  const x = Number(text);
  if (!Number.isFinite(x) || x < lo || x > hi) throw configError(`${name} must be a number${Number.isFinite(lo) ? ` from ${lo}` : ''}${Number.isFinite(hi) ? ` to ${hi}` : ''}, got '${text}'`);
  return x;
}
