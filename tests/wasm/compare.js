// Deep comparison of two JSON results: numbers within a relative tolerance,
// everything else equal. Returns a list of differences (empty = same).
export function diffJson(a, b, rel = 1e-9, path = '$') {
  if (typeof a === 'number' && typeof b === 'number') {
    const scale = Math.max(Math.abs(a), Math.abs(b));
    return Math.abs(a - b) <= rel * scale ? [] : [`${path}: ${a} vs ${b}`];
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return [`${path}: arrays differ in shape`];
    return a.flatMap((x, i) => diffJson(x, b[i], rel, `${path}[${i}]`));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => diffJson(a[k], b[k], rel, `${path}.${k}`));
  }
  return a === b ? [] : [`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
}
