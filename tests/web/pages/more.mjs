// Lists that the pages show a page at a time, with a "show more" button
// after them: a test looking for its own row among the shared data keeps
// asking for more until the row is there, as a person would.

/*
 * Resolves to `row` (a locator) once it is on the page, clicking `more`
 * (the list's "show more" button) while it is not; throws when the list
 * has no more pages and the row is still missing.
 */
export async function showMoreUntil(row, more, { pages = 50 } = {}) {
  for (let i = 0; i < pages; i += 1) {
    if (await row.count()) return row;
    if (!(await more.isVisible())) break;
    await more.click();
    // The button is disabled while the next page loads.
    await more.page().waitForFunction((button) => !button.disabled, await more.elementHandle()).catch(() => {});
  }
  if (await row.count()) return row;
  throw new Error(`not in the list, even after showing more: ${row}`);
}
