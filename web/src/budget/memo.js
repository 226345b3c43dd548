// What the page remembers per data source and offers: the frontier (the same at every budget, ROI floor
// and cost quantile, so a what-if re-plans without it) and the reasons an offer gets nobody (worked out
// once, in the background). Keyed by the TableSources entry (a new world or file forgets everything) and
// by the options the memo depends on.
export class PerData {
  /** @param {(options) => unknown[]} keyOf the options this memo depends on */
  constructor(keyOf) {
    this.keyOf = (o) => JSON.stringify(keyOf(o));
    this.byEntry = new WeakMap();
  }

  get(entry, options) {
    return (entry && this.byEntry.get(entry)?.get(this.keyOf(options))) ?? null;
  }

  has(entry, options) {
    return Boolean(entry && this.byEntry.get(entry)?.has(this.keyOf(options)));
  }

  set(entry, options, value) {
    if (!this.byEntry.has(entry)) this.byEntry.set(entry, new Map());
    this.byEntry.get(entry).set(this.keyOf(options), value);
  }

  delete(entry, options) {
    this.byEntry.get(entry)?.delete(this.keyOf(options));
  }
}
