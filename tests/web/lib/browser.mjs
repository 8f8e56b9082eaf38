// Starts Debian's chromium headless through playwright-core (never a browser
// Playwright would download) and opens pages in it. Each page opened here
// records its console errors and uncaught exceptions from the first moment,
// so that expectNoConsoleErrors (console.mjs) can see everything it did.
import { chromiumPath, loadPlaywright } from './env.mjs';
import { watchConsole } from './console.mjs';

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 360, height: 800 };

/* Waits on an element or a navigation fail after this long, with a message naming what was awaited. */
const ACTION_TIMEOUT_MS = 10_000;
const NAVIGATION_TIMEOUT_MS = 15_000;

export async function launchBrowser() {
  const { chromium } = loadPlaywright();
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // CI runs as root, where Chromium refuses to start with its sandbox;
    // /dev/shm is small in containers. Both are the usual headless flags.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
    timeout: 30_000,
  });
}

/*
 * A new browser context: its own cookies (one signed-in user), language and
 * window size. `lang` becomes the browser's language, so Accept-Language and
 * navigator.language say it, as for a person whose browser is in Spanish.
 */
export async function newContext(browser, { width = DESKTOP.width, height = DESKTOP.height, lang = 'en' } = {}) {
  const context = await browser.newContext({
    viewport: { width, height },
    locale: lang,
    acceptDownloads: true,
    // Not bypassCSP: the pages run under their real Content-Security-Policy,
    // so a policy violation (an inline script, say) shows as a console error.
    // axe is injected through the DevTools protocol instead (a11y.mjs).
  });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
  context.on('page', watchConsole);
  return context;
}

/*
 * Opens `path` (relative to `base`, or a full URL) in a new page and waits for
 * it to load. Options: width, height, lang (for a new context), context (to
 * open it beside other pages of the same signed-in user), base.
 */
export async function openPage(browser, path, { base, context, ...contextOptions } = {}) {
  const ctx = context || (await newContext(browser, contextOptions));
  const page = await ctx.newPage();
  const url = new URL(path, base).href;
  const reply = await page.goto(url, { waitUntil: 'load' });
  if (reply && reply.status() >= 400) throw new Error(`GET ${url} answered ${reply.status()}`);
  return page;
}
