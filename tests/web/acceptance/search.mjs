// Issue 8, acceptance 1-3: the public search with a phrase and two facets,
// the address that keeps the query (reload, back), the export of the
// current filter, and the page's screenshots and accessibility check.
import assert from 'node:assert/strict';
import { total } from '../lib/data.mjs';
import { suite } from '../lib/harness.mjs';
import { checkPage } from '../lib/page_checks.mjs';
import { assertShown, eventually } from '../lib/wait.mjs';
import { SearchPage } from '../pages/search.mjs';

const PHRASE = '"violence against women"';
const FACETS = [['State', 'Paraguay', 'state', 'PY'], ['Theme', "Women's rights", 'theme', null]];

await suite('acceptance: search', { needsPages: true }, async (t) => {
  let search;
  let expected;

  await t.step('the search page passes the page checks (screenshots, axe, console)', async () => {
    search = await SearchPage.open(t);
    await checkPage(search.page, 'search');
  });

  await t.step('a phrase and two facets narrow the list to what the API finds', async () => {
    await search.search(PHRASE);
    for (const [group, label] of FACETS) await search.facet(group, label);
    const query = search.query();
    assert.equal(query.get('q'), PHRASE, 'the address keeps the phrase');
    assert.deepEqual(query.getAll('state'), ['PY']);
    assert.equal(query.getAll('theme').length, 1, 'the address keeps the theme');
    expected = await total(new URLSearchParams({ q: PHRASE, state: 'PY', theme: query.get('theme') }));
    assert.ok(expected > 0, 'the API finds the phrase in Paraguay\'s women\'s-rights recommendations');
    await eventually(async () => {
      assert.equal(await search.resultTotal(), expected);
      assertShown(await search.results.count(), expected);
    }, { what: 'the result list' });
    assert.ok(await search.highlights.count() > 0, 'the snippets highlight the words found');
    await checkPage(search.page, 'search-results');
  });

  await t.step('the address is the query: a reload and the back button keep it', async () => {
    const address = search.page.url();
    await search.page.reload();
    await eventually(async () => assert.equal(await search.resultTotal(), expected), { what: 'after a reload' });
    await search.page.goBack();
    await eventually(async () => assert.notEqual(search.page.url(), address), { what: 'back' });
    await search.page.goForward();
    await eventually(async () => assert.equal(await search.resultTotal(), expected), { what: 'forward again' });
  });

  await t.step('export: CSV, XLSX and JSON links carry the filter and answer 200', async () => {
    const types = { csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', json: 'application/json' };
    for (const [format, type] of Object.entries(types)) {
      const href = await search.exportLink(format).getAttribute('href');
      const url = new URL(href, search.page.url());
      assert.equal(url.searchParams.get('format'), format);
      assert.equal(url.searchParams.get('q'), PHRASE, `${format} export keeps the phrase`);
      assert.deepEqual(url.searchParams.getAll('state'), ['PY']);
      const reply = await fetch(url);
      const body = Buffer.from(await reply.arrayBuffer());
      assert.equal(reply.status, 200, `${url}`);
      assert.ok(reply.headers.get('content-type').startsWith(type), reply.headers.get('content-type'));
      assert.ok(body.length > 0);
    }
    // Clicked, the CSV link is a download of the file.
    const [download] = await Promise.all([search.page.waitForEvent('download'), search.exportLink('csv').click()]);
    assert.match(download.suggestedFilename(), /\.csv$/);
  });
});
