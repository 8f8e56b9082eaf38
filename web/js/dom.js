/*
 * Building the DOM without HTML strings: every text a user typed or the API
 * returned goes in as a text node (textContent), never through the HTML parser,
 * so nothing it contains can become markup or script.
 */

/*
 * Creates an element. `attrs`: attribute name -> value (null/undefined/false
 * are skipped, true sets an empty attribute); "class" and "text" are
 * shortcuts. `children`: nodes or strings (strings become text nodes).
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'text') node.textContent = String(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, ...children);
  return node;
}

/* An SVG element (chart.js): attributes as in el(). */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'text') node.textContent = String(value);
    else node.setAttribute(name, String(value));
  }
  append(node, ...children);
  return node;
}

export function append(node, ...children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/* Removes every child of `node`. */
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/* Replaces the children of `node`. */
export function replace(node, ...children) {
  return append(clear(node), ...children);
}

const MARK_START = '\uE000';
const MARK_END = '\uE001';

/*
 * The API's search snippet (lib/db/rec_query.c: ts_headline with the
 * matched words between U+E000 and U+E001) as DOM nodes: the text outside
 * the markers as text nodes, the words inside as <mark> elements. A
 * marker without its partner is dropped, never shown.
 */
export function highlighted(snippet) {
  const fragment = document.createDocumentFragment();
  let inside = false;
  let text = '';
  const flush = () => {
    if (text === '') return;
    fragment.append(inside ? el('mark', {}, text) : document.createTextNode(text));
    text = '';
  };
  for (const ch of String(snippet)) {
    if (ch === MARK_START || ch === MARK_END) {
      flush();
      inside = ch === MARK_START;
    } else {
      text += ch;
    }
  }
  flush();
  return fragment;
}

/* The element with `id`, which the page's markup must have. */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`missing #${id}`);
  return node;
}
