// Segment names in words a marketing team uses. The core names a segment by the two factors where it
// stands out most, each called by its top feature ("high recency_days · low frequency"); with a dataset's
// word list that reads "not bought for a while · buys rarely". The core's name stays in the Details tables
// and the export; a feature without words keeps the core's wording.

/** @param {string} name the core's name; @param {Record<string, [string, string]>} [words] feature → [high, low] */
export function plainName(name, words) {
  if (!words || typeof name !== 'string') return name;
  return name
    .split(' · ')
    .map((part) => {
      const m = /^(high|low) (.+?)( \(factor \d+\))?$/.exec(part);
      const pair = m && words[m[2]];
      return pair ? `${pair[m[1] === 'high' ? 0 : 1]}${m[3] ?? ''}` : part;
    })
    .join(' · ');
}

/** Sets each segment's `label` (the plain name) beside the core's `name`. */
export function labelSegments(result, words) {
  for (const s of result?.segments ?? []) s.label = plainName(s.name, words);
  return result;
}
