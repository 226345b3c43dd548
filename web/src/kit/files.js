// Where CSV bytes come from: a file bundled with the site (same origin) or a file the user picks, read
// locally — a picked file never leaves the browser.

export async function fetchBundled({ url }) {
  const response = await fetch(url);
  if (!response.ok) throw Object.assign(new Error(`could not load ${url} (HTTP ${response.status})`), { code: 'input' });
  return new Uint8Array(await response.arrayBuffer());
}

export async function readLocalFile(file) {
  return new Uint8Array(await file.arrayBuffer());
}
