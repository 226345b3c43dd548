// Display names: the words a person reads for a channel ("E-mail reminders"), not the column it is in
// (`es_reorder`). Each source has defaults; the user may rename any channel in the settings, and the
// renamed ones travel in the URL (`names`, a JSON object of the overrides only).
import { money, num } from '../kit/format.js';


/** Defaults per source: column → name, 'group:NAME' → name for a channel of several columns. */
const DEFAULTS = {
  sim: {
    es_reorder: 'E-mail reminders',
    es_recs: 'Product recommendations',
    es_qa: 'Product Q&A',
    browse: 'Browsing',
    orders: 'Orders',
    spend: 'Spend',
    x1: 'Activity before the panel (x1)',
    x2: 'Segment (x2)',
    'group:discovery': 'Discovery (recommendations and Q&A)',
  },
  retail: {
    lines_christmas: 'Christmas products',
    lines_bags: 'Bags',
    lines_kitchen: 'Kitchenware',
    lines_decor: 'Home decor',
    lines_other: 'Other products',
    invoices: 'Orders (invoices)',
    returns: 'Returns',
    spend: 'Spend',
    uk: 'UK customer',
    pre_spend: 'Spend before week 9',
    pre_invoices: 'Orders before week 9',
    tenure_weeks: 'Weeks as a customer',
    'group:home': 'Home (kitchenware and decor)',
    'group:bags_other': 'Bags and other products',
  },
  local: {},
};

/** What a source's outcome is counted in: money for the two bundled panels; a user's file says nothing. */
export const CURRENCY = { sim: '$', retail: '£', local: '' };

/** Words for the things that can be switched off: the simulated world has channels, the retail panel product groups. */
export const NOUN = { sim: 'channel', retail: 'product group', local: 'channel' };

let kind = 'sim';
let overrides = {};

export function setNames(sourceKind, fromUrl) {
  kind = sourceKind;
  if (fromUrl !== undefined) overrides = parseOverrides(fromUrl);
}

function parseOverrides(text) {
  if (!text) return {};
  try {
    const parsed = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter(([, v]) => typeof v === 'string' && v.trim()).map(([k, v]) => [k, v.trim().slice(0, 80)]));
  } catch {
    return {}; // a mangled link: the defaults
  }
}

/** The overrides as the URL keeps them ('' when none). */
export const namesParam = () => (Object.keys(overrides).length ? JSON.stringify(overrides) : '');

export const defaultName = (key) => DEFAULTS[kind]?.[key] ?? (key.startsWith('group:') ? `Channel “${key.slice(6)}”` : key);

/** The display name of a column or a 'group:NAME'. */
export const nameOf = (key) => overrides[key] ?? defaultName(key);

/** Renames `key` (an empty or default name removes the override). */
export function rename(key, name) {
  const text = String(name ?? '').trim().slice(0, 80);
  if (!text || text === defaultName(key)) delete overrides[key];
  else overrides[key] = text;
}

/** A channel group's name: a group of one column reads as that column. */
export function groupName(config, group) {
  const members = [].concat(config.groups?.[group] ?? []);
  if (members.length === 1 && !overrides[`group:${group}`]) return nameOf(members[0]);
  return nameOf(`group:${group}`);
}

/** The name of a shock target key ('all', 'group:NAME', 'es:NAME', 's:NAME'). */
export function targetName(config, target) {
  if (target.startsWith('group:')) return groupName(config, target.slice(6));
  if (target.startsWith('es:') || target.startsWith('s:')) return nameOf(target.slice(target.indexOf(':') + 1));
  const n = (config.es_surrogates ?? []).length;
  return `all ${n} ${NOUN[kind]}s together`;
}

/** The keys the settings let a person rename: every ES column, every group of several, the other surrogates. */
export function renameable(config) {
  const groups = Object.entries(config.groups ?? {}).filter(([, list]) => [].concat(list).length > 1).map(([g]) => `group:${g}`);
  return [...(config.es_surrogates ?? []), ...groups, ...(config.surrogates ?? [])];
}

/** Spend in the source's currency ("$41,200", "£1.2 million"; a user's file: a plain number). */
export function spend(x, opts = {}) {
  const symbol = CURRENCY[kind];
  return symbol ? money(x, { symbol, ...opts }) : num(x, opts);
}

export const sourceKind = () => kind;
