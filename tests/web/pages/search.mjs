// The public search page: search box, facets, result list, export links.
import { ROUTES } from './routes.mjs';

export const NAMES = {
  // The role=search landmark has no name of its own: the page's only one.
  searchBox: /search|words|buscar|recherche/i, // "Search the text of the recommendations"

  searchButton: /^search$/i,
  results: /results|resultados|résultats/i, // the region (section#results) holding the results
  resultCount: /\d/, // the live line saying how many matched (#result-count)
  facet: { State: /state|estado|état/i, Theme: /theme|tema|thème/i }, // fieldset legends
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
    return this.page.getByRole('search').first();
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
   * A facet is a fieldset (role=group, named by its legend) of checkboxes.
   * web/'s filter panel is a <details> (#facets-panel), open on a desktop,
   * closed on a phone: opened first when closed.
   */
  async facet(group, label) {
    const closed = this.page.locator('details:not([open])', { has: this.page.locator('fieldset') });
    if (await closed.count()) await closed.first().locator('summary').click();
    const box = this.page.getByRole('group', { name: NAMES.facet[group] || group }).first();
    const name = new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i');
    await box.getByRole('checkbox', { name }).first().click();
  }

  get resultRegion() {
    return this.page.getByRole('region', { name: NAMES.results }).first();
  }

  /*
   * The result entries: the items of the region's first list (#result-list
   * on web/), not those of the details list inside each entry.
   */
  get results() {
    return this.resultRegion.getByRole('list').first().locator(':scope > li');
  }

  /*
   * The number the page says matched: the first number of its live line
   * (role=status, or aria-live as web/'s #result-count).
   */
  async resultTotal() {
    const text = await this.page.getByRole('status').or(this.page.locator('[aria-live]'))
      .filter({ hasText: NAMES.resultCount }).first().textContent();
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
