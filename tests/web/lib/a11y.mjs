// The accessibility check: axe-core (vendored in ../vendor, see its README)
// run inside the page on the WCAG 2 A and AA rules. A violation of impact
// "serious" or "critical" fails the test; lesser ones are printed. The whole
// axe report is saved beside the screenshots as <name>-axe.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { screenshotDir, webDir } from './env.mjs';

const AXE_SOURCE = readFileSync(join(webDir, 'vendor/axe.min.js'), 'utf8');
const FAILING = new Set(['serious', 'critical']);

/*
 * Loads axe into the page unless it is there. Through the DevTools protocol
 * (page.evaluate of the file's text), not a <script> element: the pages
 * forbid inline script by their Content-Security-Policy, and evaluation by
 * the debugger is outside that policy, so the test needs no bypassCSP and
 * the page keeps its real policy for everything else the test sees.
 */
async function injectAxe(page) {
  const present = await page.evaluate(() => typeof window.axe === 'object');
  if (!present) await page.evaluate(AXE_SOURCE);
}

function describe(violation) {
  const targets = violation.nodes.slice(0, 5).map((n) => `      at ${n.target.join(' ')}`);
  const more = violation.nodes.length > 5 ? [`      … and ${violation.nodes.length - 5} more`] : [];
  return [`  [${violation.impact}] ${violation.id}: ${violation.help} (${violation.nodes.length} element(s))`,
    `      ${violation.helpUrl}`, ...targets, ...more].join('\n');
}

/*
 * Runs axe on the page as it is now. Options: tags (default wcag2a,
 * wcag2aa), exclude (CSS selectors left out, each with a reason in the
 * calling test). Throws listing every serious or critical violation, with
 * its selector and help URL; returns all violations otherwise.
 */
export async function checkAccessibility(page, name, { tags = ['wcag2a', 'wcag2aa'], exclude = [] } = {}) {
  await injectAxe(page);
  const violations = await page.evaluate(async ({ tags, exclude }) => {
    const context = exclude.length ? { include: [document], exclude: exclude.map((s) => [s]) } : document;
    const result = await window.axe.run(context, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map(({ id, impact, help, helpUrl, nodes }) => ({
      id, impact, help, helpUrl, nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })),
    }));
  }, { tags, exclude });
  mkdirSync(screenshotDir, { recursive: true });
  writeFileSync(join(screenshotDir, `${name}-axe.json`), JSON.stringify({ url: page.url(), tags, violations }, null, 2));
  const failing = violations.filter((v) => FAILING.has(v.impact));
  const minor = violations.filter((v) => !FAILING.has(v.impact));
  if (minor.length) console.log(`# axe ${name}: ${minor.length} minor/moderate:\n${minor.map(describe).join('\n')}`);
  if (failing.length) {
    throw new Error(`axe found ${failing.length} serious or critical violation(s) on ${page.url()} (${name}):\n` +
      failing.map(describe).join('\n'));
  }
  return violations;
}
