// Civil society's side of the comments and the accounts behind them
// (issue 8: "sign in as CSO, comment, moderate"; the moderation's other
// outcome, and the pages around it):
//   - the registration page says why only a public name is asked and who
//     sees the email, and registers an account that can then sign in
//     under that public name;
//   - a CSO sees its own comment awaiting moderation on the recommendation
//     page; the coordinator cannot reject it without a reason, rejects it
//     with one; the CSO reads that reason on "my comments" (no one else
//     can: the API gives it to the author only) and withdraws the comment;
//   - an admin creates an account, whose one-time token sets a password
//     on password.html, with which the person signs in.
// Every outcome is checked through the API as well as on the page.
import assert from 'node:assert/strict';
import { findItem, recommendationAt, REC_INDEX, SPAIN_UPR, unique } from '../lib/data.mjs';
import { suite } from '../lib/harness.mjs';
import { ACCOUNTS } from '../lib/hrtrack.mjs';
import { checkPage } from '../lib/page_checks.mjs';
import { apiAs, signIn } from '../lib/session.mjs';
import { eventually } from '../lib/wait.mjs';
import { ModerationQueue, NAMES as MOD } from '../pages/moderation.mjs';
import { AdminPage, MyComments, NAMES, PasswordPage, RegisterPage } from '../pages/participation.mjs';
import { RecommendationPage } from '../pages/recommendation.mjs';

await suite('acceptance: registration, rejection with a reason, my comments, accounts', { needsPages: true }, async (t) => {
  const rec = await recommendationAt(SPAIN_UPR, REC_INDEX.rejectedComment);
  const csoApi = await apiAs(ACCOUNTS.cso);
  const body = unique('Browser test: this comment names a private person,');
  const reason = unique('It names a private person; please write it again without the name.');
  const mine = () => findItem(csoApi.get, '/api/v1/account/comments', (c) => c.id === comment.id);
  let comment = null;

  await t.step('the registration page explains itself and registers an account', async () => {
    const page = await RegisterPage.open(t);
    await page.page.getByRole('region', { name: NAMES.whyHeading }).waitFor();
    await checkPage(page.page, 'register', { fullPage: true });
    const email = `${unique('web').replace(/[^a-z0-9]/gi, '').toLowerCase()}@defenders.example`;
    const publicName = unique('Defensoras del Chaco');
    const password = 'a long enough passphrase for tests';
    const said = await page.register({ publicName, email, password });
    if (NAMES.rateLimited.test(said)) {
      // All tests come from 127.0.0.1, and http_participation uses up the hour's
      // registrations of that address on purpose: the page must then say so in words.
      console.log('# registration refused for this hour (429), as the page says; account not checked');
      return;
    }
    assert.match(said, NAMES.registered);
    const account = await (await apiAs(email, { password })).get('/api/v1/account');
    assert.equal(account.public_name, publicName);
  });

  await t.step('a CSO sees its comment awaiting moderation on the recommendation page', async () => {
    comment = await csoApi.post('/api/v1/comments', { recommendation_id: rec.id, body });
    const context = await t.newContext();
    await signIn(await context.newPage(), ACCOUNTS.cso);
    const page = await RecommendationPage.open(t, rec.id, { context });
    const own = page.page.getByRole('region', { name: /not yet public|aún no públicos|pas encore publics/i });
    await own.getByRole('listitem').filter({ hasText: body }).getByText(/awaiting moderation/i).waitFor();
  });

  await t.step('the coordinator must give a reason to reject, and rejects with one', async () => {
    const context = await t.newContext();
    await signIn(await context.newPage(), ACCOUNTS.coordinator);
    const queue = await ModerationQueue.open(t, { context });
    await queue.entry(body).waitFor();
    const form = await queue.openReject(body);
    await form.getByRole('button', { name: MOD.sendReject }).click();
    await form.getByRole('status').filter({ hasText: MOD.reasonMissing }).waitFor();
    assert.equal((await mine()).state, 'pending', 'nothing was sent without a reason');
    await checkPage(queue.page, 'moderation-reject', { fullPage: true });
    await queue.reject(body, reason);
    const now = await mine();
    assert.equal(now.state, 'rejected');
    assert.equal(now.moderation_reason, reason);
  });

  await t.step('the CSO reads the reason on its comments page and withdraws the comment', async () => {
    const context = await t.newContext();
    await signIn(await context.newPage(), ACCOUNTS.cso);
    const page = await MyComments.open(t, { context });
    const entry = page.entry(body);
    await entry.waitFor();
    const shown = await entry.innerText();
    assert.ok(shown.includes(reason), 'the moderator\'s reason');
    assert.match(shown, /not published/i);
    await checkPage(page.page, 'my-comments', { fullPage: true });
    await page.withdraw(body);
    const now = await mine();
    assert.equal(now.state, 'withdrawn');
    assert.equal(now.body, null);
  });

  await t.step('an admin creates an account whose token sets a password to sign in with', async () => {
    const context = await t.newContext();
    await signIn(await context.newPage(), ACCOUNTS.admin);
    const admin = await AdminPage.open(t, { context });
    const email = `${unique('unct').replace(/[^a-z0-9]/gi, '').toLowerCase()}@un.example`;
    const name = unique('UN RCO analyst');
    const token = await admin.createAccount({ email, name, roleLabel: 'UN country team' });
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    await checkPage(admin.page, 'admin', { fullPage: true });
    const user = (await (await apiAs(ACCOUNTS.admin)).get('/api/v1/users')).items.find((u) => u.email === email);
    assert.deepEqual(user.roles, ['unct']);
    assert.equal(user.has_password, false);
    const page = await PasswordPage.open(t, token);
    await eventually(async () => assert.equal(new URL(page.page.url()).hash, '', 'the token leaves the address once read'),
      { what: 'the token out of the address' });
    const password = 'another long passphrase for tests';
    await page.setPassword(password);
    await checkPage(page.page, 'password');
    assert.equal((await apiAs(email, { password })).session.user.email, email);
  });
});
