// The shock: which channel to switch off (the story's one control, by display name), over which weeks,
// and how (settings: off, scaled, or an amount added) → the core's {shocks: [...]}. The targets are
// offered from the trained config: every channel together, each group, each channel not already a group
// of one, and the other surrogates (e.g. returns in the Online Retail panel).
import { el } from '../dom.js';
import { groupName, nameOf, targetName } from './names.js';

const $ = (id) => document.getElementById(id);
const inputError = (message) => Object.assign(new Error(message), { code: 'input' });

/** Target keys: 'all', 'group:NAME', 'es:NAME', 's:NAME' (a non-ES surrogate). */
export function targetKeys(config) {
  const es = Array.isArray(config?.es_surrogates) ? config.es_surrogates : [];
  const other = Array.isArray(config?.surrogates) ? config.surrogates : [];
  const groups = config?.groups && typeof config.groups === 'object' ? Object.entries(config.groups) : [];
  const alone = new Set(groups.map(([, list]) => [].concat(list)).filter((l) => l.length === 1).map((l) => l[0]));
  return [
    ...groups.map(([name]) => `group:${name}`),
    ...es.filter((name) => !alone.has(name)).map((name) => `es:${name}`),
    'all',
    ...other.map((name) => `s:${name}`),
  ];
}

/** The same target under another key ('es:X' is 'group:G' when G is X alone). */
function canonical(config, key) {
  if (!key?.startsWith('es:')) return key;
  const name = key.slice(3);
  const group = Object.entries(config?.groups ?? {}).find(([, list]) => [].concat(list).length === 1 && [].concat(list)[0] === name);
  return group ? `group:${group[0]}` : key;
}

export function fillTargets(config, wanted) {
  const keys = targetKeys(config);
  const label = (key) => (key.startsWith('s:') ? `${nameOf(key.slice(2))} (not a channel)` : key === 'all' ? `All together (${(config.es_surrogates ?? []).map(nameOf).join(', ')})` : key.startsWith('group:') ? groupName(config, key.slice(6)) : nameOf(key.slice(3)));
  const select = $('shock-target');
  const current = canonical(config, wanted ?? select.value);
  select.replaceChildren(...keys.map((key) => el('option', { value: key }, label(key))));
  select.value = keys.includes(current) ? current : keys[0] ?? 'all';
}

export function surrogatesOf(target, config) {
  if (target.startsWith('group:')) return [].concat(config.groups?.[target.slice(6)] ?? []);
  if (target.startsWith('es:')) return [target.slice(3)];
  if (target.startsWith('s:')) return [target.slice(2)];
  return [...(config.es_surrogates ?? [])];
}

/** The builder's shock for the core; throws an 'input' error naming the bad field. */
export function readShock(config) {
  const type = $('shock-type').value;
  const value = type === 'zero' ? 0 : Number($('shock-value').value);
  if (!Number.isFinite(value) || (type !== 'zero' && $('shock-value').value.trim() === '')) throw inputError(`the shock's value must be a number (got '${$('shock-value').value}')`);
  const from = Number($('shock-from').value);
  if ($('shock-from').value.trim() === '' || !Number.isInteger(from)) throw inputError(`“From week” must be a whole number (got '${$('shock-from').value}')`);
  const shock = { surrogates: surrogatesOf($('shock-target').value, config), type, value, from };
  const toText = $('shock-to').value.trim();
  if (toText !== '') {
    const to = Number(toText);
    if (!Number.isInteger(to)) throw inputError(`“To week” must be a whole number or empty for the last week (got '${toText}')`);
    if (to < from) throw inputError(`“To week” (${to}) is before “From week” (${from})`);
    shock.to = to;
  }
  return { shocks: [shock] };
}

/** What the shock does, in words: "Without E-mail reminders", "With E-mail reminders at 50%". */
export function shockWords(config) {
  const name = targetName(config, $('shock-target').value);
  const type = $('shock-type').value;
  const v = Number($('shock-value').value);
  if (type === 'scale') return { lead: `With ${name} at ${Math.round(v * 1000) / 10}% of what it was`, name };
  if (type === 'add') return { lead: `With ${v >= 0 ? v : `\u2212${-v}`} more ${name} per customer each week`, name };
  return { lead: `Without ${name}`, name };
}

/** Compact URL form: target,type,value,from,to. */
export const shockKey = () => [$('shock-target').value, $('shock-type').value, $('shock-value').value.trim(), $('shock-from').value.trim(), $('shock-to').value.trim()].join(',');

export function fillShock(key, fallbackTarget = 'group:reminders') {
  const [target = fallbackTarget, type = 'zero', value = '0.5', from = '1', to = ''] = (key ?? '').split(',');
  $('shock-target').dataset.wanted = target || fallbackTarget;
  $('shock-type').value = ['zero', 'scale', 'add'].includes(type) ? type : 'zero';
  $('shock-value').value = value;
  $('shock-from').value = from;
  $('shock-to').value = to;
  showValue();
}

/** Moves the shock's first week into the model's periods (a source whose weeks start later, e.g. Online Retail at 9). */
export function clampWeeks(firstPeriod, lastPeriod) {
  for (const id of ['shock-from', 'shock-to']) {
    $(id).min = String(firstPeriod);
    $(id).max = String(lastPeriod);
  }
  if (Number($('shock-from').value) < firstPeriod) $('shock-from').value = String(firstPeriod);
}

export function showValue() {
  $('shock-value').disabled = $('shock-type').value === 'zero';
}
