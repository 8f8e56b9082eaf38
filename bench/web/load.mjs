// How long the pages take to load on the loopback (issue 8: under 1 s with
// the 250,000-record data set): each page is opened N times in headless
// Chromium, cold (new context, empty cache) and warm (same context), and
// timed from the navigation's start until its content is on screen (the
// element named below is visible, and the region is no longer aria-busy).
//
// usage: node bench/web/load.mjs BASE_URL [RUNS]      (bench/web/load runs it)
import { launchBrowser } from '../../tests/web/lib/browser.mjs';

const base = process.argv[2];
const runs = Number(process.argv[3] || 5);
const pages = [
  { name: 'search, no filter', path: '/', ready: '#result-list li', idle: '#results' },
  { name: 'search, `tortura` in one state', path: '/?q=tortura&state=PY', ready: '#result-list li, #no-results:not([hidden])', idle: '#results' },
  { name: 'SDG dashboard', path: '/sdg.html', ready: '#goal-tiles li' },
  { name: 'SDG goal 16', path: '/sdg.html?goal=16', ready: '#goal-tiles li' },
  { name: 'recommendation page', path: '/recommendation.html?id=1000', ready: '#rec-content:not([hidden])' },
];

async function timeOnce(context, page) {
  const tab = await context.newPage();
  const started = Date.now();
  await tab.goto(`${base}${page.path}`, { waitUntil: 'commit' });
  await tab.waitForSelector(page.ready, { state: 'attached', timeout: 15000 });
  if (page.idle) await tab.waitForSelector(`${page.idle}[aria-busy="false"]`, { state: 'attached', timeout: 15000 });
  const ms = Date.now() - started;
  await tab.close();
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const browser = await launchBrowser();
console.log('| page | cold median (ms) | cold max | warm median (ms) | warm max |');
console.log('|---|---|---|---|---|');
for (const page of pages) {
  const cold = [];
  const warm = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    cold.push(await timeOnce(context, page));
    warm.push(await timeOnce(context, page));
    await context.close();
  }
  console.log(`| ${page.name} \`${page.path}\` | ${median(cold)} | ${Math.max(...cold)} | ${median(warm)} | ${Math.max(...warm)} |`);
}
await browser.close();
