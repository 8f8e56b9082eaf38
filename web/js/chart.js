/*
 * A small SVG chart of our own: horizontal stacked bars, one row per
 * category, one segment per series. The SVG is an image for sighted
 * readers (role="img" with <title> and <desc>); the same numbers go in a
 * table beside it, which is what screen readers and keyboards use, with
 * each count a link (drill-down) when the caller gives one. Sizes are in
 * pixels of the container's width, drawn again when the window resizes,
 * so text stays legible on a 360 px phone.
 */
import { el, replace, svg } from './dom.js';
import { formatNumber } from './i18n.js';

const ROW = 24;
const BAR = 16;
const LABEL = 52;
const COUNT = 52;
let counter = 0;

function bars(width, spec) {
  const id = `chart-${++counter}`;
  const max = Math.max(1, ...spec.categories.map((c) => c.total));
  const area = Math.max(60, width - LABEL - COUNT);
  const height = spec.categories.length * ROW + 4;
  const root = svg('svg', {
    class: 'chart-svg',
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-labelledby': `${id}-title ${id}-desc`,
  });
  root.append(svg('title', { id: `${id}-title`, text: spec.title }), svg('desc', { id: `${id}-desc`, text: spec.description }));
  spec.categories.forEach((category, row) => {
    const y = row * ROW + 2;
    root.append(svg('text', { x: 0, y: y + BAR - 3, text: category.label }));
    let x = LABEL;
    for (const series of spec.series) {
      const n = category.values[series.key] || 0;
      if (n <= 0) continue;
      const w = Math.max(1, (n / max) * area);
      root.append(svg('rect', { class: `bar ${series.className}`, x: x.toFixed(1), y, width: w.toFixed(1), height: BAR },
        svg('title', { text: `${category.label}: ${series.label} ${formatNumber(n)}` })));
      x += w;
    }
    root.append(svg('text', { x: (x + 4).toFixed(1), y: y + BAR - 3, text: formatNumber(category.total) }));
  });
  root.append(svg('line', { class: 'axis', x1: LABEL - 0.5, x2: LABEL - 0.5, y1: 0, y2: height }));
  return root;
}

function legend(spec) {
  return el('ul', { class: 'legend', 'aria-hidden': 'true' },
    ...spec.series.map((s) => el('li', {}, el('span', { class: `swatch ${s.className}` }), s.label)));
}

function cell(n, href) {
  if (!n) return el('td', { class: 'number' }, formatNumber(0));
  return el('td', { class: 'number' }, href ? el('a', { href }, formatNumber(n)) : formatNumber(n));
}

/* The table of the same numbers; spec.link(category, seriesOrNull) gives drill-down links. */
function table(spec) {
  const head = el('tr', {}, el('th', { scope: 'col' }, spec.categoryHeading),
    ...spec.series.map((s) => el('th', { scope: 'col', class: 'number' }, s.label)),
    el('th', { scope: 'col', class: 'number' }, spec.totalHeading));
  const rows = spec.categories.map((c) => el('tr', {},
    el('th', { scope: 'row' }, c.label, c.title ? el('span', { class: 'visually-hidden' }, ` ${c.title}`) : null),
    ...spec.series.map((s) => cell(c.values[s.key] || 0, spec.link ? spec.link(c, s) : null)),
    cell(c.total, spec.link ? spec.link(c, null) : null)));
  return el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': spec.tableLabel },
    el('table', { id: spec.tableId || null }, el('caption', {}, spec.tableLabel), el('thead', {}, head), el('tbody', {}, ...rows)));
}

/*
 * Draws into `container` a figure: caption, SVG bars, legend and table.
 * spec: {title, description, categoryHeading, totalHeading, tableLabel,
 * tableId, categories: [{key, label, title, total, values: {series: n}}],
 * series: [{key, label, className}], link(category, series) -> href}.
 */
export function stackedBars(container, spec) {
  const figure = el('figure', { class: 'chart-figure' });
  const caption = el('figcaption', {}, spec.title);
  const holder = el('div', { class: 'chart-holder' });
  replace(container, figure);
  figure.append(caption, holder, legend(spec), table(spec));
  const draw = () => replace(holder, bars(Math.max(280, Math.floor(holder.clientWidth || 600)), spec));
  draw();
  let pending = null;
  const onResize = () => {
    if (!holder.isConnected) {
      window.removeEventListener('resize', onResize);
      return;
    }
    clearTimeout(pending);
    pending = setTimeout(draw, 150);
  };
  window.addEventListener('resize', onResize);
}
