// The marketing-mix page starts here, small on purpose: the engine worker and the shipped example table
// start loading before the page's charts (page.js, with Observable Plot) are fetched and evaluated, so the
// first fit begins as soon as the engine is ready.
import { startEngine } from '../engine-status.js';
import { TableSources } from '../kit/sources.js';
import { isWorkshop } from '../kit/workshop.js';
import { DATASETS } from './datasets.js';
import { readState } from './state.js';

const client = startEngine(document.getElementById('engine-status'));
const sources = client && new TableSources(client);
const data = readState().data;
const kind = DATASETS[data] ? data : !data && isWorkshop() ? null : data === 'sim' ? null : 'pymc';
let early = null;
if (sources && kind) {
  const d = DATASETS[kind];
  const entry = { kind, url: d.url, source: d.source, label: d.label };
  early = { entry, ready: sources.table(entry) };
  early.ready.catch(() => {}); // page.js reports a failure when it opens the table
}
import('./page.js').then(({ start }) => start({ client, sources, early }));
