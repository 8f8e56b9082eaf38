// The public search page: search box, facets, result list, export links.
import { ROUTES } from './routes.mjs';

export const NAMES = {
  searchForm: /search/i, // the role=search landmark
  searchBox: /search|words/i,
  searchButton: /^search$/i,
  results: /results/i, // the region (or list) holding the results
  resultCount: /\d/, // the role=status line saying how many matched
  export: { csv: /csv/i, xlsx: /xlsx|excel/i, json: /json/i },
};

export class SearchPage {
  constructor(page) {
    this.page = page;
  }

  /*
   * Opens the search, with query parameters (a string or URLSearchParams)
   * when given; `options` as for t.openPage (context, lang, width).
   */
  static async open(t, params = '', options = {}) {
    return new SearchPage(await t.openPage(params ? `${ROUTES.search}?${params}` : ROUTES.search, options));
  }

  get form() {
    return this.page.getByRole('search', { name: NAMES.searchForm }).first();
  }

  /* Types `text` in the search box and sends it with Enter. */
  async search(text) {
    const box = this.form.getByRole('searchbox', { name: NAMES.searchBox })
      .or(this.form.getByRole('textbox', { name: NAMES.searchBox })).first();
    await box.fill(text);
    await box.press('Enter');
  }

  /*
   * Chooses the value `label` (its start: "Paraguay" matches
   * "Paraguay (138)") in the facet group named `group` ("State", "Theme").
   * A facet is a group (fieldset) or region of checkboxes or links.
   */
  async facet(group, label) {
    const box = this.page.getByRole('group', { name: group }).or(this.page.getByRole('region', { name: group })).first();
    const name = new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i');
    await box.getByRole('checkbox', { name }).or(box.getByRole('link', { name })).first().click();
  }

  get resultRegion() {
    return this.page.getByRole('region', { name: NAMES.results })
      .or(this.page.getByRole('list', { name: NAMES.results })).first();
  }

  /* The result entries as list items. */
  get results() {
    return this.resultRegion.getByRole('listitem');
  }

  /* The number the page says matched (first number of its role=status line). */
  async resultTotal() {
    const text = await this.page.getByRole('status').filter({ hasText: NAMES.resultCount }).first().textContent();
    return Number(text.replace(/[\s.,\u00a0\u202f](?=\d{3}\b)/g, '').match(/\d+/)[0]);
  }

  /* Highlighted words in the snippets (<mark>). */
  get highlights() {
    return this.resultRegion.locator('mark');
  }

  /* The export link of `format` (csv, xlsx, json) for the current filter. */
  exportLink(format) {
    return this.page.getByRole('link', { name: NAMES.export[format] }).first();
  }

  /* The query the address holds now. */
  query() {
    return new URL(this.page.url()).searchParams;
  }
}
