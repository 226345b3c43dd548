// Observable Plot, the site's way: the same font size and margins, tick labels through the one formatter,
// and a text alternative on every chart. Plot writes aria-label on its inner <g> marks, which axe-core
// rejects on elements without a role ("aria-prohibited-attr"); they move to data-mark (the tests select
// marks by it), and the <svg> becomes one image with a sentence saying what it shows.
import * as Plot from '@observablehq/plot';
import { num } from './format.js';

export { Plot };

export const COLORS = { ours: '#2f5f98', other: '#d9822b', muted: '#9aa4b1', good: '#3a8a4a', bad: '#a8322d', truth: '#7b4fa0' };

/** Plot options every chart starts from; `spec` wins. */
export function plotDefaults(spec) {
  return {
    style: { fontSize: '13px', background: 'transparent', overflow: 'visible' },
    marginBottom: 44,
    ...spec,
  };
}

/** Tick labels in the site's format (3 significant figures, separators). */
export const tickFormat = (f = num) => (x) => f(x);

/**
 * Makes a Plot figure accessible: role img + its text alternative, marks named by data-mark.
 * @param {SVGElement|HTMLElement} figure what Plot.plot returned
 * @param {string} alt one or two sentences: what the chart shows and what to notice
 */
export function accessible(figure, alt) {
  const svgs = figure.tagName.toLowerCase() === 'svg' ? [figure] : [...figure.querySelectorAll('svg')];
  for (const svg of svgs) {
    for (const node of svg.querySelectorAll('[aria-label]')) {
      node.dataset.mark = node.getAttribute('aria-label');
      node.removeAttribute('aria-label');
    }
    for (const node of svg.querySelectorAll('[aria-description]')) node.removeAttribute('aria-description');
  }
  const top = svgs[0];
  if (figure !== top) {
    figure.setAttribute('role', 'img');
    figure.setAttribute('aria-label', alt);
    for (const svg of svgs) svg.setAttribute('aria-hidden', 'true');
  } else {
    top.setAttribute('role', 'img');
    top.setAttribute('aria-label', alt);
  }
  figure.dataset.alt = alt;
  return figure;
}

/** Plot.plot, then accessible(): the one call pages make. */
export function chart(spec, alt) {
  return accessible(Plot.plot(plotDefaults(spec)), alt);
}

/** Width for a chart in `container`: its width, within [min, max]. */
export const widthOf = (container, { min = 300, max = 900, fallback = 720 } = {}) =>
  Math.max(min, Math.min(container?.clientWidth || fallback, max));
