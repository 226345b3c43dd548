// The shock builder: which surrogates (all ES, a config group, one ES or one
// other surrogate, e.g. returns in the Online Retail panel), the
// type (zero | scale | add), its value and the window of weeks → the core's
// {shocks: [...]}. Its choices are offered from the trained config.
import { el } from '../dom.js';

const $ = (id) => document.getElementById(id);
const inputError = (message) => Object.assign(new Error(message), { code: 'input' });

/** Target keys: 'all', 'group:NAME', 'es:NAME', 's:NAME' (a non-ES surrogate). */
export function fillTargets(config, wanted) {
  const es = Array.isArray(config?.es_surrogates) ? config.es_surrogates : [];
  const other = Array.isArray(config?.surrogates) ? config.surrogates : [];
  const groups = config?.groups && typeof config.groups === 'object' ? Object.entries(config.groups) : [];
  const options = [
    el('option', { value: 'all' }, `all ES surrogates (${es.join(', ')})`),
    ...groups.map(([name, list]) => el('option', { value: `group:${name}` }, `group ${name} (${[].concat(list).join(', ')})`)),
    ...es.map((name) => el('option', { value: `es:${name}` }, name)),
    ...other.map((name) => el('option', { value: `s:${name}` }, `${name} (not ES)`)),
  ];
  const select = $('shock-target');
  const current = wanted ?? select.value;
  select.replaceChildren(...options);
  select.value = options.some((o) => o.value === current) ? current : 'all';
}

function surrogatesOf(target, config) {
  if (target.startsWith('group:')) return [].concat(config.groups?.[target.slice(6)] ?? []);
  if (target.startsWith('es:')) return [target.slice(3)];
  if (target.startsWith('s:')) return [target.slice(2)];
  return [...(config.es_surrogates ?? [])];
}

/** The builder's shock for the core; throws an 'input' error for a bad field. */
export function readShock(config) {
  const type = $('shock-type').value;
  const value = type === 'zero' ? 0 : Number($('shock-value').value);
  if (!Number.isFinite(value) || (type !== 'zero' && $('shock-value').value.trim() === '')) throw inputError(`the shock's value must be a number (got '${$('shock-value').value}')`);
  const from = Number($('shock-from').value);
  if (!Number.isInteger(from)) throw inputError(`the shock's first week must be an integer (got '${$('shock-from').value}')`);
  const shock = { surrogates: surrogatesOf($('shock-target').value, config), type, value, from };
  const toText = $('shock-to').value.trim();
  if (toText !== '') {
    const to = Number(toText);
    if (!Number.isInteger(to)) throw inputError(`the shock's last week must be an integer or empty (got '${toText}')`);
    shock.to = to;
  }
  return { shocks: [shock] };
}

/** Compact URL form: target,type,value,from,to. */
export const shockKey = () => [$('shock-target').value, $('shock-type').value, $('shock-value').value.trim(), $('shock-from').value.trim(), $('shock-to').value.trim()].join(',');

export function fillShock(key) {
  const [target = 'all', type = 'zero', value = '0.5', from = '1', to = ''] = (key ?? '').split(',');
  $('shock-target').dataset.wanted = target;
  $('shock-type').value = ['zero', 'scale', 'add'].includes(type) ? type : 'zero';
  $('shock-value').value = value;
  $('shock-from').value = from;
  $('shock-to').value = to;
  showValue();
}

/** Moves the shock's first week into the model's periods (a source whose weeks start later, e.g. Online Retail at 9). */
export function clampFrom(firstPeriod) {
  if (Number($('shock-from').value) < firstPeriod) $('shock-from').value = String(firstPeriod);
}

export function showValue() {
  $('shock-value').disabled = $('shock-type').value === 'zero';
}
