// The uplift page starts here, small on purpose: the engine worker and the first bundled table start
// loading before the page's charts and tables (page.js, with Observable Plot) are fetched and evaluated,
// so the first fit begins as soon as the engine is ready — the first answer is due within 3 s.
import { startEngine } from '../engine-status.js';
import { TableSources } from '../kit/sources.js';
import { isWorkshop } from '../kit/workshop.js';
import { BUNDLED } from './datasets.js';
import { readState } from './state.js';

const client = startEngine(document.getElementById('engine-status'));
const sources = client && new TableSources(client);
const data = readState().data;
const kind = data in BUNDLED ? data : !data && !isWorkshop() ? 'hillstrom' : null;
let early = null;
if (sources && kind) {
  const b = BUNDLED[kind];
  const entry = { id: 0, kind, url: b.url, source: b.source, label: b.label };
  early = { entry, ready: sources.table(entry) };
  early.ready.catch(() => {}); // page.js reports a failure when it opens the table
}
import('./page.js').then(({ start }) => start({ client, sources, early }));
