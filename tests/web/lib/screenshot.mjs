// Screenshots of a page at desktop (1280×800) and phone (360×800) widths,
// saved as PNG under the build folder (env.mjs: screenshotDir) for people to
// look at: issue 8 asks for them, and a layout broken at phone width is
// easier to see there than to assert.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DESKTOP, PHONE } from './browser.mjs';
import { screenshotDir } from './env.mjs';

/* Two animation frames: the layout and paint after a resize are done. */
async function settle(page) {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/*
 * Saves `<name>-desktop.png` and `<name>-phone.png` (name: letters, digits,
 * '-', '_') and puts the window back to its size. Options: fullPage (the
 * whole scrolled page instead of the first 800 pixels). Returns the paths,
 * and for the phone width whether the page is wider than the screen (a
 * sideways scroll bar, which a phone layout should not have).
 */
export async function screenshot(page, name, { fullPage = false } = {}) {
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`screenshot name "${name}": letters, digits, - and _ only`);
  mkdirSync(screenshotDir, { recursive: true });
  const before = page.viewportSize();
  const saved = {};
  for (const [label, size] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    await page.setViewportSize(size);
    await settle(page);
    saved[label] = join(screenshotDir, `${name}-${label}.png`);
    await page.screenshot({ path: saved[label], fullPage, animations: 'disabled' });
    if (label === 'phone') saved.phoneOverflows = await page.evaluate(() =>
      document.documentElement.scrollWidth > window.innerWidth);
  }
  if (before) {
    await page.setViewportSize(before);
    await settle(page);
  }
  return saved;
}
