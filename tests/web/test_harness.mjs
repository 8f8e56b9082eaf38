// The browser-test harness tested on itself: fixture pages served by a small
// static server (fixtures/), and sign-in against the real hrtrack test
// server. It shows that each helper works and that each check can fail.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkAccessibility } from './lib/a11y.mjs';
import { consoleErrors, expectNoConsoleErrors } from './lib/console.mjs';
import { suite } from './lib/harness.mjs';
import { ACCOUNTS, pagesServed } from './lib/hrtrack.mjs';
import { screenshot } from './lib/screenshot.mjs';
import { signIn, whoAmI } from './lib/session.mjs';
import { serveStatic } from './lib/static_server.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/* Width and height from a PNG's IHDR chunk. */
function pngSize(path) {
  const png = readFileSync(path);
  assert.equal(png.subarray(1, 4).toString(), 'PNG', `${path} is not a PNG`);
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/*
 * Runs a test file with node and `env` added; resolves to {status, output}.
 * Asynchronous: the child may call a server of this process.
 */
function runNode(file, env) {
  return new Promise((done) => {
    execFile(process.execPath, [file], { env: { ...process.env, ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
      done({ status: err ? (err.code ?? 1) : 0, output: stdout + stderr });
    });
  });
}

const runHang = (env) => runNode(join(here, 'fixtures/hang.mjs'), env);

await suite('harness self-test', { stopOnFailure: false }, async (t) => {
  // The fixture pages, and hrtrack's API behind them for fixtures/app/.
  const fixtures = await serveStatic(join(here, 'fixtures'), { api: t.base });
  let page;

  await t.step('navigation: landmarks, a link, the back button', async () => {
    page = await t.openPage(`${fixtures.base}/index.html`);
    await page.getByRole('heading', { level: 1, name: 'Search recommendations' }).waitFor();
    for (const role of ['banner', 'navigation', 'main', 'contentinfo', 'search']) {
      assert.equal(await page.getByRole(role).count(), 1, `one ${role} landmark`);
    }
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'About' }).click();
    await page.getByRole('heading', { level: 1, name: 'About this fixture' }).waitFor();
    assert.match(page.url(), /\/about\.html$/);
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Search recommendations' }).waitFor();
    expectNoConsoleErrors(page);
  });

  await t.step('form: fill, choose, click; the query is kept in the URL and shown as text', async () => {
    await page.getByRole('searchbox', { name: 'Words or a "phrase"' }).fill('"right to health" <b>x</b>');
    await page.getByRole('combobox', { name: 'Mechanism' }).selectOption({ label: 'Universal Periodic Review' });
    await page.getByRole('checkbox', { name: '16 Peace, justice' }).check();
    await page.getByRole('button', { name: 'Search' }).click();
    const status = page.getByRole('status');
    const expected = 'Results for “"right to health" <b>x</b>”, mechanism upr, SDG 16';
    assert.equal(await status.textContent(), expected);
    assert.equal(await page.locator('#results b').count(), 0, 'typed markup is not rendered');
    const url = new URL(page.url());
    assert.deepEqual([url.searchParams.get('q'), url.searchParams.get('mechanism'), url.searchParams.getAll('sdg')],
      ['"right to health" <b>x</b>', 'upr', ['16']]);
    await page.reload();
    assert.equal(await page.getByRole('status').textContent(), expected, 'a reload keeps the query');
    await page.goBack();
    assert.equal(await page.getByRole('status').textContent(), 'No search yet.', 'back before the search');
    await page.goForward();
    assert.equal(await page.getByRole('status').textContent(), expected);
    expectNoConsoleErrors(page);
  });

  await t.step('screenshot at 1280×800 and 360×800', async () => {
    const before = page.viewportSize();
    const shot = await screenshot(page, 'harness-fixture');
    assert.deepEqual(pngSize(shot.desktop), { width: 1280, height: 800 });
    assert.deepEqual(pngSize(shot.phone), { width: 360, height: 800 });
    assert.equal(shot.phoneOverflows, false, 'no sideways scrolling at 360 px');
    assert.deepEqual(page.viewportSize(), before, 'the window is put back');
    const long = await screenshot(page, 'harness-fixture-full', { fullPage: true });
    assert.equal(pngSize(long.phone).width, 360);
    await assert.rejects(screenshot(page, '../escape'), /letters, digits/);
  });

  await t.step('axe passes on the accessible page', async () => {
    const violations = await checkAccessibility(page, 'harness-fixture');
    assert.deepEqual(violations.filter((v) => ['serious', 'critical'].includes(v.impact)), []);
  });

  let bad;
  await t.step('axe fails on the inaccessible page, naming rule, element and help', async () => {
    bad = await t.openPage(`${fixtures.base}/bad.html`, { width: 360 });
    const failure = await checkAccessibility(bad, 'harness-bad').then(() => null, (err) => err);
    assert.ok(failure, 'checkAccessibility must throw on bad.html');
    for (const rule of ['html-has-lang', 'image-alt', 'label', 'button-name', 'color-contrast', 'select-name']) {
      assert.match(failure.message, new RegExp(`\\] ${rule}:`), `reports ${rule}`);
    }
    assert.match(failure.message, /at #q\b/);
    assert.match(failure.message, /https:\/\/dequeuniversity\.com\/rules\/axe\/4\.\d+\/image-alt/);
    const report = JSON.parse(readFileSync(join(process.env.HRTRACK_WEB_SCREENSHOTS, 'harness-bad-axe.json'), 'utf8'));
    assert.ok(report.violations.some((v) => v.id === 'image-alt'), 'the report is saved');
  });

  await t.step('console errors: a refused inline script and an exception are caught', async () => {
    const failure = (() => { try { expectNoConsoleErrors(bad); return null; } catch (err) { return err; } })();
    assert.ok(failure, 'expectNoConsoleErrors must throw on bad.html');
    assert.match(failure.message, /Content Security Policy/);
    assert.match(failure.message, /exception: Error: fixture failure on purpose/);
    assert.equal(consoleErrors(bad).length, 2, JSON.stringify(consoleErrors(bad)));
    expectNoConsoleErrors(bad, { allow: [/Content Security Policy/, /fixture failure on purpose/] });
  });

  await t.step('signIn through the page against the hrtrack API', async () => {
    const context = await t.newContext();
    const api = await t.openPage('/404.html', { context });
    assert.equal(await whoAmI(api), null, 'nobody is signed in yet');
    const session = await signIn(api, ACCOUNTS.focalMoh);
    assert.equal(session.user.email, ACCOUNTS.focalMoh);
    assert.match(session.csrf_token, /^[A-Za-z0-9_-]{43}$/);
    const me = await whoAmI(api);
    assert.equal(me.user.email, ACCOUNTS.focalMoh);
    assert.deepEqual(me.user.roles, ['focal_point']);
    const cookie = (await context.cookies()).find((c) => c.name === 'hrtrack_session');
    assert.ok(cookie && cookie.httpOnly, 'the session cookie is in the browser, HttpOnly');
    // signIn from a page on another site goes to hrtrack first.
    const elsewhere = await t.openPage(`${fixtures.base}/about.html`, { context });
    const again = await signIn(elsewhere, ACCOUNTS.validatorMoh);
    assert.deepEqual(again.user.roles, ['validator']);
    assert.equal((await whoAmI(api)).user.email, ACCOUNTS.validatorMoh, 'one session per context');
    const stranger = await t.openPage('/404.html');
    assert.equal(await whoAmI(stranger), null, 'another context is not signed in');
    console.log(`# GET / serves the web pages: ${await pagesServed()}`);
  });

  await t.step('the search acceptance flow passes on a page built to the page objects\' conventions', async () => {
    // fixtures/app/ is a small search page over the real API (not hrtrack's
    // page): acceptance/search.mjs runs on it as it will on web/ once merged.
    const app = await serveStatic(join(here, 'fixtures/app'), { api: t.base });
    try {
      const run = await runNode(join(here, 'acceptance/search.mjs'), {
        HRTRACK_WEB_BASE: app.base,
        HRTRACK_WEB_SCREENSHOTS: join(process.env.HRTRACK_WEB_SCREENSHOTS, 'fixture-app'),
      });
      assert.equal(run.status, 0, run.output);
      assert.match(run.output, /^4 passed, 0 failed, 0 skipped$/m, run.output);
    } finally {
      await app.close();
    }
  });

  await t.step('a hung test is stopped; missing tools skip, or fail when required', async () => {
    // 10 s: long enough for Chromium to start on a loaded 2-core machine,
    // so that the hang is caught in its step, not while starting.
    const hung = await runHang({ HRTRACK_WEB_TIMEOUT: '10' });
    assert.equal(hung.status, 1, hung.output);
    assert.match(hung.output, /stopped after 10 s, in step "waits for ever"/);
    const noBrowser = await runHang({ CHROMIUM: '/nonexistent/chromium', HRTRACK_REQUIRE_BROWSER: '' });
    assert.equal(noBrowser.status, 77, noBrowser.output);
    assert.match(noBrowser.output, /SKIP: \/nonexistent\/chromium not found/);
    const onCI = await runHang({ CHROMIUM: '/nonexistent/chromium', HRTRACK_REQUIRE_BROWSER: '1' });
    assert.equal(onCI.status, 1, onCI.output);
    assert.match(onCI.output, /on CI the browser tests must run/);
  });
});
