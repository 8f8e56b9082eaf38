/*
 * A small chart of our own: horizontal stacked bars, one row per
 * category, one segment per series. Each row is the category's label, a
 * bar drawn in SVG whose segments are sized in percent of the row's
 * width, and its total: the rows are laid out by CSS (site.css,
 * .bar-row), so the chart fits any width without being drawn again, and
 * a 360 px phone shows the same text size as a desktop. The bars are an
 * image for sighted readers (role="img", named by the title and
 * described); the same numbers go in a table beside them, which is what
 * screen readers and keyboards use, with each count a link (drill-down)
 * when the caller gives one.
 */
import { el, replace, svg } from './dom.js';
import { formatNumber } from './i18n.js';

const BAR = 16;
let counter = 0;

function percent(x) {
  return `${x.toFixed(2)}%`;
}

function barRow(category, spec, max) {
  const track = svg('svg', {
    class: 'chart-svg bar-track', width: '100%', height: BAR, focusable: 'false', 'aria-hidden': 'true',
  });
  let x = 0;
  for (const series of spec.series) {
    const n = category.values[series.key] || 0;
    if (n <= 0) continue;
    const w = Math.max(0.5, (n / max) * 100);
    track.append(svg('rect', { class: `bar ${series.className}`, x: percent(x), y: 0, width: percent(w), height: BAR },
      svg('title', { text: `${category.label}: ${series.label} ${formatNumber(n)}` })));
    x += w;
  }
  return el('div', { class: 'bar-row', title: category.title || null },
    el('span', { class: 'bar-label' }, category.label),
    track,
    el('span', { class: 'bar-count' }, formatNumber(category.total)));
}

function bars(spec) {
  const id = `chart-${++counter}`;
  const max = Math.max(1, ...spec.categories.map((c) => c.total));
  return el('div', { class: 'bar-chart', role: 'img', 'aria-label': spec.title, 'aria-describedby': `${id}-desc` },
    el('p', { class: 'visually-hidden', id: `${id}-desc` }, spec.description),
    ...spec.categories.map((category) => barRow(category, spec, max)));
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
  replace(container, figure);
  figure.append(caption, bars(spec), legend(spec), table(spec));
}
