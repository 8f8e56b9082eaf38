// Retrying assertions: a page answers after its fetches return, so a check
// of what it shows is retried until it holds or the time is up (the role of
// @playwright/test's expect, which playwright-core does not include).
import { setTimeout as sleep } from 'node:timers/promises';

/*
 * Calls `check` (which throws while the condition does not hold) every
 * 100 ms until it returns, and returns its value; after `timeout` ms throws
 * the last error, with `what` in front.
 */
export async function eventually(check, { timeout = 5000, what = 'condition' } = {}) {
  const end = performance.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (performance.now() >= end) {
        err.message = `${what} did not hold within ${timeout} ms: ${err.message}`;
        throw err;
      }
    }
    await sleep(100);
  }
}

/*
 * A result list shows `shown` entries of `total` found: all of them when
 * they fit on one page (any page size of 10 or more), else some.
 */
export function assertShown(shown, total) {
  if (total <= 10) {
    if (shown !== total) throw new Error(`the list shows ${shown} entries of ${total} found`);
  } else if (shown < 1 || shown > total) {
    throw new Error(`the list shows ${shown} entries of ${total} found`);
  }
}
