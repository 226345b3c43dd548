// The policy slider: treat the top X% by predicted uplift (or everyone above a
// threshold) and read the off-policy value from the core's `policy_curve`
// (one point per treated share, 0..100%), so moving it needs no re-run.
import { el } from '../dom.js';
import { fmtInterval, fmtNum, fmtPct } from '../format.js';
import { definitionOf } from './tables.js';

const finite = (x) => typeof x === 'number' && Number.isFinite(x);
const Z = 1.959963984540054;

/** The core's curve as [{share (0..1), threshold, gain, se, net, truth}], whatever its layout. */
export function curvePoints(curve) {
  if (!curve) return [];
  let rows = curve;
  if (!Array.isArray(curve)) {
    const source = Array.isArray(curve.points) ? curve.points : null;
    if (source) rows = source;
    else {
      const keys = Object.keys(curve).filter((k) => Array.isArray(curve[k]));
      const n = Math.max(0, ...keys.map((k) => curve[k].length));
      rows = Array.from({ length: n }, (_, i) => Object.fromEntries(keys.map((k) => [k, curve[k][i]])));
    }
  }
  const pick = (p, ...keys) => {
    for (const k of keys) {
      const v = p?.[k];
      if (finite(v)) return v;
      if (finite(v?.estimate)) return v.estimate;
    }
    return null;
  };
  const points = rows.map((p) => ({
    share: pick(p, 'treated_share', 'share', 'percent', 'fraction'),
    threshold: pick(p, 'threshold'),
    gain: pick(p, 'dr_gain', 'gain', 'value'),
    se: pick(p, 'dr_gain_se', 'se', 'gain_se') ?? (finite(p?.dr_gain?.se) ? p.dr_gain.se : null),
    net: pick(p, 'net_value', 'net'),
    netSe: pick(p, 'net_value_se', 'net_se'),
    truth: pick(p, 'true_gain'),
  }));
  if (points.some((p) => finite(p.share) && p.share > 1)) for (const p of points) if (finite(p.share)) p.share /= 100;
  return points.filter((p) => finite(p.share)).sort((a, b) => a.share - b.share);
}

/** The curve's point nearest to `share` (0..1). */
export function pointAt(points, share) {
  let best = null;
  for (const p of points) if (!best || Math.abs(p.share - share) < Math.abs(best.share - share)) best = p;
  return best;
}

/**
 * Draws the slider panel into `container` for one learner/arm; calls `onMove(share)` as it moves.
 * Returns null when the answer has no policy curve (older core builds).
 */
export function renderPolicy(container, r, defs, { share, mode, truth, onMove, onMode }) {
  const points = curvePoints(r?.policy_curve);
  if (!points.length) {
    container.replaceChildren(el('p', { class: 'muted', id: 'policy-none' }, 'Policy slider: n/a (this build of the core does not report a policy curve). The fixed policies below are evaluated.'));
    return null;
  }
  const thresholds = points.map((p) => p.threshold).filter(finite);
  const byThreshold = mode === 'threshold' && thresholds.length > 1;
  const slider = el('input', { id: 'policy-slider', type: 'range', min: '0', max: '100', step: '1' });
  const out = el('output', { id: 'policy-out' });
  const readout = el('div', { id: 'policy-readout', class: 'headline' });
  const modeSelect = el('select', { id: 'policy-mode' }, el('option', { value: 'share' }, '% treated'), el('option', { value: 'threshold' }, 'threshold on predicted uplift'));
  modeSelect.value = byThreshold ? 'threshold' : 'share';
  modeSelect.addEventListener('change', () => onMode(modeSelect.value));
  // In threshold mode the slider runs over the curve's points from the highest threshold (no one treated) down.
  const sorted = points;
  const setFromShare = (s) => {
    const p = pointAt(sorted, s);
    if (byThreshold) {
      slider.max = String(sorted.length - 1);
      slider.value = String(sorted.indexOf(p));
    } else slider.value = String(Math.round(p.share * 100));
    return p;
  };
  const show = (p) => {
    out.textContent = byThreshold ? `treat when predicted uplift ≥ ${fmtNum(p.threshold) ?? 'n/a'} (${fmtPct(p.share)} treated)` : `${fmtPct(p.share)} treated${finite(p.threshold) ? ` (predicted uplift ≥ ${fmtNum(p.threshold)})` : ''}`;
    const ci = finite(p.gain) && finite(p.se) ? fmtInterval([p.gain - Z * p.se, p.gain + Z * p.se]) : null;
    const cards = [
      card('gain', 'Incremental outcome per customer (DR)', fmtNum(p.gain), ci ? `95% CI ${ci}` : 'n/a (no standard error)'),
      finite(p.net) && card('net', 'Net value per customer', fmtNum(p.net), finite(p.netSe) ? `± ${fmtNum(p.netSe)} (se)` : 'value × gain − cost × treated share'),
      truth && finite(p.truth) && card('true-gain', 'True incremental outcome (simulated)', fmtNum(p.truth), finite(p.gain) ? `estimate − truth: ${fmtNum(p.gain - p.truth)}` : ''),
    ];
    readout.replaceChildren(...cards.filter(Boolean));
  };
  let current = setFromShare(share);
  show(current);
  slider.addEventListener('input', () => {
    current = byThreshold ? sorted[Number(slider.value)] : pointAt(sorted, Number(slider.value) / 100);
    show(current);
    onMove(current.share);
  });
  container.replaceChildren(
    el('h2', {}, 'Targeting policy'),
    el('div', { class: 'policy-controls' }, el('label', {}, 'Slide by ', modeSelect), el('label', { class: 'slider' }, slider, ' ', out)),
    readout,
    el(
      'dl',
      { class: 'definitions' },
      el('dt', {}, 'Policy'),
      el('dd', {}, 'treat the customers with the highest predicted uplift (out of fold) up to the chosen share, or all above the threshold'),
      el('dt', {}, 'Incremental outcome'),
      el('dd', {}, definitionOf(defs, 'policy_curve.dr_gain') ?? definitionOf(defs, 'policy_curve') ?? defs?.['policies.dr_gain'] ?? 'doubly robust value of the policy minus that of treating no one, per customer'),
      points.some((p) => finite(p.net)) && [el('dt', {}, 'Net value'), el('dd', {}, definitionOf(defs, 'policy_curve.net_value') ?? 'value per unit of outcome × incremental outcome − cost per treated customer × treated share')],
      truth && points.some((p) => finite(p.truth)) && [el('dt', {}, 'True incremental outcome'), el('dd', {}, definitionOf(defs, 'policy_curve.true_gain') ?? 'the same policy valued with the simulator’s true uplift (mean of τ(x) over the treated, per customer)')],
    ),
  );
  return current;
}

function card(kind, title, big, sub) {
  return el('section', { class: 'headline-card', dataset: { kind } }, el('h3', {}, title), el('p', { class: 'big' }, big ?? 'n/a'), el('p', { class: 'ci' }, sub));
}
