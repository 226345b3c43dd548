// Where the CSV bytes come from: the bundled Hillstrom test (same origin) or a
// file the user picks, read locally — a picked file never leaves the browser.

export const HILLSTROM = Object.freeze({
  id: 'hillstrom',
  url: '/data/hillstrom.csv',
  source: 'hillstrom.csv',
  label: 'Hillstrom e-mail test (64,000 customers, 3 arms)',
  defaults: { arm: 'segment', control: 'No E-Mail', outcome: 'visit', covariate: 'history' },
});

export async function fetchBundled(dataset = HILLSTROM) {
  const response = await fetch(dataset.url);
  if (!response.ok) throw Object.assign(new Error(`could not load ${dataset.url} (HTTP ${response.status})`), { code: 'input' });
  return new Uint8Array(await response.arrayBuffer());
}

export async function readLocalFile(file) {
  return new Uint8Array(await file.arrayBuffer());
}
