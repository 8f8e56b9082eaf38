// Where the browser tests find their tools and write their output, read once
// from the environment CTest gives them (tests/CMakeLists.txt), and the check
// that the tools are there: Debian's chromium, Node.js 20 or later, and
// playwright-core installed in the build folder by install.sh.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export const webDir = resolve(here, '..');
export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
// The folder install.sh filled (package.json + node_modules).
export const modulesDir = process.env.HRTRACK_WEB_MODULES || join(webDir, '../../build/debug/web-tests');
export const screenshotDir =
  process.env.HRTRACK_WEB_SCREENSHOTS || join(webDir, '../../build/debug/web-screenshots');
export const portFile = process.env.HRTRACK_TEST_PORT_FILE || '';
// Seconds one test file may run before it is stopped (a hung browser must
// not stall CI); CTest's own TIMEOUT is a little longer, as a last resort.
export const suiteTimeoutSeconds = Number(process.env.HRTRACK_WEB_TIMEOUT || 90);
export const onCI = process.env.HRTRACK_REQUIRE_BROWSER === '1';

/* Why the browser tests cannot run here, or null when they can. */
export function missingTool() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 20) return `Node.js ${process.versions.node} is too old for playwright-core (20 or later)`;
  if (!existsSync(chromiumPath)) return `${chromiumPath} not found (Debian package chromium; scripts/deps installs it)`;
  if (!existsSync(join(modulesDir, 'node_modules/playwright-core/package.json')))
    return `playwright-core not installed in ${modulesDir} (the web_modules test runs tests/web/install.sh)`;
  return null;
}

/* playwright-core, loaded from the build folder rather than from beside the sources. */
export function loadPlaywright() {
  return createRequire(join(modulesDir, 'package.json'))('playwright-core');
}
