// The checks every page of hrtrack must pass, in one call (issue 8,
// acceptance 2 and 3, and "works on a 360 px wide phone screen"):
// screenshots at both widths, no sideways scrolling on the phone, no
// serious accessibility violation, no console error.
import { checkAccessibility } from './a11y.mjs';
import { expectNoConsoleErrors } from './console.mjs';
import { screenshot } from './screenshot.mjs';

/* Runs them all on `page` as it is now; `name` names the files. Throws at the first failure. */
export async function checkPage(page, name, { allowConsole = [], fullPage = false } = {}) {
  const shot = await screenshot(page, name, { fullPage });
  if (shot.phoneOverflows) throw new Error(`${name}: at 360 px the page is wider than the screen (see ${shot.phone})`);
  await checkAccessibility(page, name);
  expectNoConsoleErrors(page, { allow: allowConsole });
  return shot;
}
