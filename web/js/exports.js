/*
 * Download links (CSV, XLSX, JSON) for a list route that takes format=:
 * the page's markup holds three links with ids PREFIX-csv, PREFIX-xlsx and
 * PREFIX-json, and this points them at the list as it is filtered now.
 * The session cookie goes along with a same-origin download, so signed-in
 * lists export as they show.
 */
import { apiUrl } from './api.js';
import { byId } from './dom.js';

export function setExportLinks(prefix, path, params = {}) {
  for (const format of ['csv', 'xlsx', 'json']) {
    byId(`${prefix}-${format}`).setAttribute('href', apiUrl(path, { ...params, format }));
  }
}
