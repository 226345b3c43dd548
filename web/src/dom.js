// A tiny element builder: text always goes in as text nodes, so names taken
// from a user's CSV can never become markup.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value == null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

// A definition list: one term and its one-line meaning per row; rows without a text are left out (a number
// the core did not report has nothing to define).
export const dl = (items, attrs = {}) =>
  el('dl', { class: 'definitions', ...attrs }, items.filter(([, t]) => t).map(([term, text]) => [el('dt', {}, term), el('dd', {}, text)]));
