// The segmentation page starts here, small on purpose: the engine worker and the shipped customers table
// start loading before the page's charts (page.js, with Observable Plot) are fetched and evaluated, so the
// first run begins as soon as the engine is ready.
import { startEngine } from '../engine-status.js';
import { TableSources } from '../kit/sources.js';
import { isWorkshop } from '../kit/workshop.js';
import { RETAIL } from './datasets.js';
import { readState } from './state.js';

const client = startEngine(document.getElementById('engine-status'));
const sources = client && new TableSources(client);
const data = readState().data;
let early = null;
if (sources && (data === 'retail' || (!data && !isWorkshop()) || data === 'local')) {
  const entry = { kind: 'retail', url: RETAIL.url, source: RETAIL.source, label: RETAIL.label };
  early = { entry, ready: sources.table(entry) };
  early.ready.catch(() => {}); // page.js reports a failure when it opens the table
}
import('./page.js').then(({ start }) => start({ client, sources, early }));
