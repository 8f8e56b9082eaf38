// The runner of one browser test file, which CTest runs as one test. It
// checks that the tools are there (else exit 77: skipped, with the reason;
// under HRTRACK_REQUIRE_BROWSER=1 a missing tool fails instead), starts one browser for the
// file, runs its steps in order and prints one line per step, stops the
// whole file after suiteTimeoutSeconds so a hung browser cannot stall CI,
// and exits 0 only when every step passed.
import { launchBrowser, newContext, openPage } from './browser.mjs';
import { missingTool, onCI, suiteTimeoutSeconds } from './env.mjs';
import { pagesBase, pagesServed } from './hrtrack.mjs';

export const SKIP = 77;

function skip(reason) {
  console.log(`SKIP: ${reason}`);
  process.exit(SKIP);
}

function seconds(since) {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

/*
 * suite(name, options, body): options.needsPages skips the file ("page not
 * served yet") while hrtrack does not serve its web pages;
 * options.stopOnFailure (default true) skips the steps after a failed one,
 * as in a flow where each step needs the one before. body(t) gets:
 *   t.step(name, fn)        runs one step, timed
 *   t.browser, t.base       the browser, and the pages' http://127.0.0.1:PORT (hrtrack.mjs pagesBase)
 *   t.openPage(path, opts)  browser.mjs openPage with base = t.base
 *   t.newContext(opts)      a fresh context (another signed-in user)
 */
export async function suite(name, options, body) {
  const { needsPages = false, stopOnFailure = true } = options;
  const started = performance.now();
  const missing = missingTool();
  if (missing) {
    if (onCI) {
      console.log(`FAIL: ${missing}; on CI the browser tests must run (scripts/deps, tests/web/install.sh)`);
      process.exit(1);
    }
    skip(missing);
  }
  const base = pagesBase();
  if (needsPages && !(await pagesServed(base))) skip(`page not served yet (GET ${base}/ does not answer HTML)`);

  let current = '(starting the browser)';
  let browser;
  const timer = setTimeout(async () => {
    console.log(`not ok - ${name}: stopped after ${suiteTimeoutSeconds} s, in step "${current}"`);
    // Playwright kills the browser it launched when this process exits.
    process.exit(1);
  }, suiteTimeoutSeconds * 1000);

  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let number = 0;
  const t = {
    base,
    async step(stepName, fn) {
      number += 1;
      if (failed && stopOnFailure) {
        skipped += 1;
        console.log(`ok ${number} - ${stepName} # SKIP an earlier step failed`);
        return;
      }
      current = stepName;
      const since = performance.now();
      try {
        await fn();
        passed += 1;
        console.log(`ok ${number} - ${stepName} (${seconds(since)})`);
      } catch (err) {
        failed += 1;
        console.log(`not ok ${number} - ${stepName} (${seconds(since)})`);
        console.log(String(err?.stack || err).split('\n').map((l) => `#   ${l}`).join('\n'));
      }
    },
    openPage: (path, opts = {}) => openPage(browser, path, { base, ...opts }),
    newContext: (opts) => newContext(browser, opts),
  };

  console.log(`# ${name}`);
  try {
    browser = await launchBrowser();
    t.browser = browser;
    console.log(`# chromium ${browser.version()} started in ${seconds(started)}`);
    await body(t);
  } catch (err) {
    failed += 1;
    console.log(`not ok - ${name}: ${current}`);
    console.log(String(err?.stack || err).split('\n').map((l) => `#   ${l}`).join('\n'));
  } finally {
    current = '(closing the browser)';
    if (browser) await browser.close().catch(() => {});
    clearTimeout(timer);
  }
  console.log(`# ${name}: ${seconds(started)}`);
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(failed ? 1 : 0);
}
