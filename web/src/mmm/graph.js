// Step 6, "What causes what?": the core's causal_discover (PC with expert edges) on the KPI, the channels and
// the numeric controls the fit used, with the marketer's default (the KPI does not cause spend in the same
// week: KPI → channel forbidden). Draws the graph as an SVG (causes above effects, the layers of the
// adjustment DAG), lists its edges as text, lets the user require, forbid or reverse an edge (the expert
// edges are listed with remove buttons and live in the URL: req=a>b,c>d&forb=…), reruns discovery (fast) and
// says in one sentence what changed. A choice the core refuses (a cycle: its message names it) keeps the
// previous graph and the previous expert edges. Each channel's adjustment set in plain words.
// Runs only after the main answer is on screen (page.js calls update() from its last render).
import { dl, el } from '../dom.js';
import { count, pValue } from '../kit/format.js';
import { details, setStep, value, warning } from '../kit/story.js';

const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';
const same = (a, b) => a[0] === b[0] && a[1] === b[1];
const without = (list, e) => list.filter((x) => !same(x, e));
const withEdge = (list, e) => [...without(list, e), e];
const pairKey = (a, b) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
const joinAnd = (xs) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

/** URL form of an edge list: a>b,c>d (only pairs over `nodes`). */
export const edgesToUrl = (list) => list.map(([a, b]) => `${a}>${b}`).join(',');
export const edgesFromUrl = (s) => (s ? s.split(',').map((p) => p.split('>')).filter((p) => p.length === 2 && p[0] && p[1]) : []);

function svgEl(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) node.setAttribute(k, String(v));
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

/** Layers: the longest path from a root in the adjustment DAG (causes above effects). */
function layers(nodes, dagEdges) {
  const depth = Object.fromEntries(nodes.map((n) => [n, 0]));
  for (let pass = 0; pass < nodes.length; pass++) {
    let moved = false;
    for (const e of dagEdges) if (depth[e.to] < depth[e.from] + 1) { depth[e.to] = depth[e.from] + 1; moved = true; }
    if (!moved) break;
  }
  const rows = [];
  for (const n of nodes) (rows[depth[n]] ??= []).push(n);
  return rows.filter(Boolean);
}

/** The graph as an SVG: boxes for the variables, arrows for directed edges, plain lines for undirected ones. */
export function graphSvg(result, { name, kpi, required, description }) {
  const rows = layers(result.nodes, result.adjustment_dag?.edges ?? result.edges.filter((e) => e.directed));
  const boxW = (n) => Math.min(190, 16 + 7.4 * name(n).length);
  const gap = 22;
  const rowW = (r) => r.reduce((s, n) => s + boxW(n), 0) + gap * (r.length - 1);
  const W = Math.max(360, ...rows.map(rowW)) + 20;
  const H = (rows.length - 1) * 90 + 62;
  const pos = {};
  rows.forEach((r, i) => {
    let x = (W - rowW(r)) / 2;
    for (const n of r) {
      pos[n] = { x: x + boxW(n) / 2, y: 30 + i * 90, hw: boxW(n) / 2, hh: 15 };
      x += boxW(n) + gap;
    }
  });
  const clip = (p, dx, dy) => {
    const t = Math.min(dx ? (p.hw + 3) / Math.abs(dx) : Infinity, dy ? (p.hh + 3) / Math.abs(dy) : Infinity);
    return [p.x + dx * t, p.y + dy * t];
  };
  const isRequired = (e) => e.directed && required.some((r) => r[0] === e.from && r[1] === e.to);
  const lines = result.edges.map((e) => {
    const a = pos[e.from];
    const b = pos[e.to];
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const [x1, y1] = clip(a, dx, dy);
    const [x2, y2] = clip(b, -dx, -dy);
    return svgEl('line', { x1, y1, x2, y2, class: `edge${e.directed ? ' directed' : ' undirected'}${isRequired(e) ? ' required' : ''}`, 'marker-end': e.directed ? 'url(#graph-arrow)' : null, 'data-from': e.from, 'data-to': e.to });
  });
  const boxes = result.nodes.map((n) => {
    const p = pos[n];
    return svgEl('g', { class: `node${n === kpi ? ' kpi' : ''}` },
      svgEl('rect', { x: p.x - p.hw, y: p.y - p.hh, width: 2 * p.hw, height: 2 * p.hh, rx: 14 }),
      svgEl('text', { x: p.x, y: p.y + 4.5, 'text-anchor': 'middle' }, name(n)));
  });
  const defs = svgEl('defs', {}, svgEl('marker', { id: 'graph-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, svgEl('path', { d: 'M0,0 L10,5 L0,10 z' })));
  return svgEl('svg', { class: 'causal-graph', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-labelledby': 'graph-svg-title graph-svg-desc' },
    svgEl('title', { id: 'graph-svg-title' }, 'The causal graph the data and the expert edges give'),
    svgEl('desc', { id: 'graph-svg-desc' }, description),
    defs, ...lines, ...boxes);
}

const edgeText = (e, name) => `${name(e.from)} ${e.directed ? '→' : '–'} ${name(e.to)}`;
const setText = (set, name) => (set.length ? `{${set.map(name).join(', ')}}` : 'nothing');

/** One plain sentence per channel: what to hold fixed to read its effect on the KPI. */
export function adjustmentWords(a, { name, kpi }) {
  const t = name(a.treatment);
  if (!a.identified) return `To read ${t}'s effect on ${kpi}: not decided by the data alone (one graph of the class would hold ${setText(a.set, name)} fixed); add an expert edge to pin it down`;
  if (!a.has_directed_path) return `${t} has no arrow path to ${kpi}: the graph says its effect is zero (add an expert edge if you know better)`;
  if (!a.set.length) return `To read ${t}'s effect on ${kpi}: nothing to hold fixed`;
  return `To read ${t}'s effect on ${kpi}, hold ${joinAnd(a.set.map(name))} fixed`;
}

/** What changed between two discoveries: edges gained, lost or re-oriented, and adjustment sets. */
function differences(before, after, name) {
  const map = (r) => new Map(r.edges.map((e) => [pairKey(e.from, e.to), e]));
  const b = map(before);
  const a = map(after);
  const out = [];
  for (const [k, e] of a) {
    const old = b.get(k);
    if (!old) out.push(`the graph gained ${edgeText(e, name)}`);
    else if (old.directed !== e.directed || old.from !== e.from) out.push(`${edgeText(old, name)} became ${edgeText(e, name)}`);
  }
  for (const [k, e] of b) if (!a.has(k)) out.push(`${edgeText(e, name)} is gone`);
  const sets = Object.fromEntries(before.adjustment.map((x) => [x.treatment, x]));
  for (const x of after.adjustment) {
    const y = sets[x.treatment];
    if (!y) continue;
    if (y.set.join() !== x.set.join()) out.push(`${name(x.treatment)}'s adjustment set became ${setText(x.set, name)}`);
    else if (y.identified !== x.identified) out.push(`${name(x.treatment)}'s adjustment set is ${x.identified ? 'now decided' : 'no longer decided by the data alone'}`);
  }
  return out;
}

/**
 * @param {{sources, initial: {req?: string, forb?: string}, onUrl: () => void, onGraph: (g) => void}} ctx
 * onGraph gets {entry, result, columns, kpi, channels, w} after every successful discovery.
 */
export function createGraph({ sources, initial, onUrl, onGraph }) {
  let ctx = null; // {entry, key, columns, kpi, channels, w}
  let expert = null; // {required, forbidden}: the choices being applied
  let good = null; // the last expert choices the core accepted
  let current = null; // the last discovery's result
  let runs = 0;
  let last = null; // what onGraph was last given
  let fromUrl = { required: edgesFromUrl(initial.req), forbidden: initial.forb === 'none' ? [] : initial.forb ? edgesFromUrl(initial.forb) : null };

  const defaults = () => ctx.channels.map((c) => [ctx.kpi, c]);
  const name = (n) => (n === ctx.kpi ? ctx.w.kpi : ctx.w.name(n));

  /** The columns of the fit that the graph can use (numeric ones: a text control such as Robyn's events is left out). */
  function columnsOf(entry, o) {
    const types = Object.fromEntries((entry.description?.columns ?? []).map((c) => [c.name, c.type]));
    const ok = (c) => types[c] == null || types[c] === 'numeric' || types[c] === 'integer';
    return { kpi: o.kpi, channels: o.channels.filter(ok), controls: (o.controls ?? []).filter(ok) };
  }

  /** Called after each complete render: reruns discovery when the data or the roles changed. */
  function update(shown) {
    const { kpi, channels, controls } = columnsOf(shown.entry, shown.options);
    const columns = [kpi, ...channels, ...controls];
    const key = JSON.stringify(columns);
    if (ctx && ctx.entry === shown.entry && ctx.key === key) {
      ctx.w = shown.w;
      return;
    }
    ctx = { entry: shown.entry, key, columns, kpi, channels, controls, w: shown.w };
    const inside = (e) => columns.includes(e[0]) && columns.includes(e[1]);
    const base = fromUrl ?? good ?? { required: [], forbidden: null };
    fromUrl = null;
    expert = { required: base.required.filter(inside), forbidden: base.forbidden ? base.forbidden.filter(inside) : defaults() };
    good = null;
    current = null;
    discover(null);
  }

  async function discover(action) {
    const seq = ++runs;
    const entry = ctx.entry;
    const options = { columns: ctx.columns, required: expert.required, forbidden: expert.forbidden, outcome: ctx.kpi, treatments: ctx.channels };
    if (!current) setStep('step-6', 'Finding the causal graph…', undefined);
    $('step-6').dataset.busy = 'true';
    let result;
    try {
      result = await sources.run(entry, 'causal_discover', options);
    } catch (error) {
      if (seq !== runs || entry !== ctx.entry) return;
      delete $('step-6').dataset.busy;
      if (error.code === 'cancelled') return;
      // The core refused the choice (a cycle names it): the previous graph and choices stay.
      const refused = action ? `That choice (${action.text}) was not applied: ` : 'The expert edges of the link were not applied: ';
      $('graph-message').replaceChildren(warning(`${refused}${error.message}. ${current ? 'The previous graph is kept.' : 'The graph below uses the default expert edges.'}`));
      $('graph-message').dataset.error = 'true';
      if (good) {
        expert = { required: [...good.required], forbidden: [...good.forbidden] };
        renderControls();
      } else if (!action) {
        // A shared link's edges the core refuses (a cycle): the defaults instead, the message stays.
        expert = { required: [], forbidden: defaults() };
        discover({ kind: 'fallback', text: 'the default expert edges', keepMessage: true });
      }
      return;
    }
    if (seq !== runs || entry !== ctx.entry) return;
    delete $('step-6').dataset.busy;
    const before = current;
    current = result;
    good = { required: [...expert.required], forbidden: [...expert.forbidden] };
    if (!action?.keepMessage) {
      $('graph-message').replaceChildren();
      delete $('graph-message').dataset.error;
    }
    if (action && before && action.kind !== 'fallback') {
      const diff = differences(before, result, name);
      const sentence = `${action.text}; ${diff.length ? diff.join('; ') : 'the graph and the adjustment sets did not change'}.`;
      $('graph-change').textContent = sentence[0].toUpperCase() + sentence.slice(1);
    } else $('graph-change').textContent = '';
    render();
    onUrl();
    last = { entry, result, columns: ctx.columns, kpi: ctx.kpi, channels: ctx.channels, w: ctx.w, name };
    onGraph(last);
  }

  function apply(kind, from, to) {
    if (!current) return;
    const e = [from, to];
    let text;
    if (kind === 'require') {
      expert = { required: withEdge(expert.required, e), forbidden: without(expert.forbidden, e) };
      text = `now ${name(from)} → ${name(to)} is required`;
    } else if (kind === 'forbid') {
      expert = { required: without(expert.required, e), forbidden: withEdge(expert.forbidden, e) };
      text = `now ${name(from)} → ${name(to)} is forbidden`;
    } else if (kind === 'reverse') {
      const r = [to, from];
      expert = { required: withEdge(without(expert.required, e), r), forbidden: without(expert.forbidden, r) };
      text = `now ${name(to)} → ${name(from)} is required (${name(from)} → ${name(to)} reversed)`;
    } else if (kind === 'unrequire') {
      expert = { ...expert, required: without(expert.required, e) };
      text = `${name(from)} → ${name(to)} is no longer required`;
    } else if (kind === 'unforbid') {
      expert = { ...expert, forbidden: without(expert.forbidden, e) };
      text = `${name(from)} → ${name(to)} is no longer forbidden`;
    } else if (kind === 'reset') {
      expert = { required: [], forbidden: defaults() };
      text = 'back to the default expert edges';
    }
    discover({ kind, text });
  }

  function renderControls() {
    const opts = (id) => {
      const select = $(id);
      const keep = select.value;
      if ([...select.options].map((o) => o.value).join() !== ctx.columns.join()) select.replaceChildren(...ctx.columns.map((c) => el('option', { value: c }, name(c))));
      if (ctx.columns.includes(keep)) select.value = keep;
    };
    opts('edge-from');
    opts('edge-to');
    if ($('edge-from').value === $('edge-to').value) {
      const e = current?.edges[0];
      $('edge-from').value = e?.from ?? ctx.columns[1] ?? ctx.columns[0];
      $('edge-to').value = e?.to ?? ctx.kpi;
    }
    const isDefault = (e) => e[0] === ctx.kpi && ctx.channels.includes(e[1]);
    const item = (e, kind) => el('li', { dataset: { from: e[0], to: e[1], kind } }, `${name(e[0])} → ${name(e[1])} ${kind === 'required' ? 'required' : 'forbidden'}${isDefault(e) && kind === 'forbidden' ? ' (default)' : ''} `,
      el('button', { type: 'button', class: 'secondary small', 'aria-label': `Remove: ${name(e[0])} → ${name(e[1])} ${kind}`, onclick: () => apply(kind === 'required' ? 'unrequire' : 'unforbid', e[0], e[1]) }, 'Remove'));
    const items = [...expert.required.map((e) => item(e, 'required')), ...expert.forbidden.map((e) => item(e, 'forbidden'))];
    $('expert-list').replaceChildren(...(items.length ? items : [el('li', { class: 'muted' }, 'No expert edges: the data alone decide.')]));
    $('expert-label').textContent = `Your expert edges (discovery reruns on every change; the defaults: ${ctx.w.kpi} → a channel is forbidden, since this week’s ${ctx.w.kpi} does not set this week’s spend):`;
  }

  function render() {
    const r = current;
    const { w } = ctx;
    const linked = new Set(r.edges.flatMap((e) => [e.from, e.to]));
    const alone = r.nodes.filter((n) => !linked.has(n));
    const undirected = r.edges.filter((e) => !e.directed);
    const edgesWords = r.edges.length ? joinAnd(r.edges.map((e) => edgeText(e, name))) : 'no edges';
    const description = `Edges: ${edgesWords}.${alone.length ? ` No edge: ${joinAnd(alone.map(name))}.` : ''}`;
    const few = r.edges.length <= 4;
    const reading = [
      `From the `, value(r.rows, count(r.rows)), ` weeks and the expert edges, the data give ${r.edges.length === 1 ? 'one edge' : `${count(r.edges.length)} edges`}${few ? `: ${edgesWords}` : ' (listed with the graph)'}`,
      alone.length ? `; ${joinAnd(alone.map(name))} ${alone.length === 1 ? 'has' : 'have'} no edge` : '',
      undirected.length ? `; ${undirected.length === 1 ? 'one edge keeps' : `${count(undirected.length)} edges keep`} no direction (the data cannot tell which way)` : '',
      '. The graph decides what to hold fixed when reading each channel’s effect (below).',
    ];
    const capital = (t) => t[0].toUpperCase() + t.slice(1);
    const sets = el('div', { class: 'adjust-block' }, el('h3', {}, `To read each channel’s effect on ${w.kpi}`),
      el('ul', { class: 'adjust-list' }, ...r.adjustment.map((a) => el('li', { class: 'adjust', dataset: { treatment: a.treatment, set: a.set.join(','), identified: String(a.identified) } }, `${capital(adjustmentWords(a, { name, kpi: w.kpi }))}.`))));
    const list = el('ul', { class: 'edge-list', id: 'edge-list', 'aria-label': 'The edges, as text' },
      ...r.edges.map((e) => el('li', { dataset: { from: e.from, to: e.to, directed: String(e.directed) } }, edgeText(e, name), e.directed ? '' : ' (direction not decided)', e.directed && expert.required.some((q) => same(q, [e.from, e.to])) ? ' (required by you)' : '')),
      ...alone.map((n) => el('li', { class: 'muted', dataset: { alone: n } }, `${name(n)}: no edge`)));
    const figure = el('div', { class: 'graph-figure' }, graphSvg(r, { name, kpi: ctx.kpi, required: expert.required, description }), el('div', { class: 'graph-side' }, el('h3', {}, 'Edges'), list, el('p', { class: 'hint muted' }, 'Arrow: cause → effect; plain line: the direction is not decided; thick: required by you.')));
    setStep('step-6', reading, el('div', { class: 'chart-stack' }, figure, sets));
    renderControls();
    renderDetails();
  }

  function renderDetails() {
    const r = current;
    const th = (t) => el('th', { scope: 'col' }, t);
    const removed = el('div', { class: 'table-block' }, el('table', { class: 'result-table', id: 'removed-table' }, el('caption', {}, `Pairs without an edge (independence tests at level ${r.alpha}, separating sets up to ${r.max_condition} variables, ${count(r.tests)} tests)`),
      el('thead', {}, el('tr', {}, th('pair'), th('independent given'), th('p-value'))),
      el('tbody', {}, ...r.removed.map((x) => el('tr', {}, el('th', { scope: 'row' }, `${name(x.a)} – ${name(x.b)}`), el('td', {}, x.forbidden ? 'forbidden both ways by the expert' : x.separating_set.length ? x.separating_set.map(name).join(', ') : 'nothing (unconditionally)'), el('td', { class: 'num' }, x.p_value == null ? '—' : value(x.p_value, pValue(x.p_value))))))));
    const dag = r.adjustment_dag;
    const dagText = dag ? el('p', {}, `The adjustment DAG (the sets are read from it): ${dag.edges.map((e) => edgeText(e, name)).join(', ') || 'no edges'}. ${dag.extended ? 'Some undirected edges were oriented to make it (without new v-structures).' : 'Every edge was already directed.'}${dag.consistent ? '' : ' The expert edges left no consistent DAG: the remaining edges follow a topological order.'}`) : null;
    const sets = el('ul', {}, ...r.adjustment.map((a) => el('li', {}, `${name(a.treatment)} → ${name(a.outcome)}: adjust for ${setText(a.set, name)}${a.identified ? '' : ' (not identified)'}${a.note ? `; ${a.note}` : ''}`)));
    $('graph-details').replaceChildren(details('The causal graph: removed edges, the adjustment DAG, definitions', removed, dagText, el('h3', {}, 'Adjustment sets'), sets, dl(Object.entries(r.definitions ?? {}))));
  }

  function wire() {
    for (const [id, kind] of [['edge-require', 'require'], ['edge-forbid', 'forbid'], ['edge-reverse', 'reverse']]) {
      $(id).addEventListener('click', () => {
        const from = $('edge-from').value;
        const to = $('edge-to').value;
        if (!from || !to) return;
        if (from === to) {
          $('graph-message').replaceChildren(warning('Pick two different variables.'));
          return;
        }
        apply(kind, from, to);
      });
    }
    $('edge-reset').addEventListener('click', () => apply('reset'));
  }
  wire();

  /** The URL's part: the expert edges when they differ from the defaults. */
  function url() {
    if (!ctx || !expert) return fromUrl ? { req: edgesToUrl(fromUrl.required), forb: fromUrl.forbidden == null ? '' : edgesToUrl(fromUrl.forbidden) || 'none' } : {};
    const chosen = good ?? expert;
    const d = defaults();
    const isDefault = chosen.forbidden.length === d.length && d.every((e) => chosen.forbidden.some((f) => same(f, e)));
    return { req: edgesToUrl(chosen.required), forb: isDefault ? '' : edgesToUrl(chosen.forbidden) || 'none' };
  }

  return { update, url, current: () => current, last: () => last };
}
