// Issue 8, acceptance 1: a CSO signs in and comments on a recommendation;
// the comment is not public until the coordinator publishes it from the
// moderation queue (which never shows who wrote it); then the public page
// shows it under the CSO's public name, and never the account's email.
import assert from 'node:assert/strict';
import { findItem, recommendationAt, REC_INDEX, SPAIN_UPR, unique } from '../lib/data.mjs';
import { suite } from '../lib/harness.mjs';
import { ACCOUNTS, CSO_PUBLIC_NAME } from '../lib/hrtrack.mjs';
import { checkPage } from '../lib/page_checks.mjs';
import { apiAs, signIn, whoAmI } from '../lib/session.mjs';
import { eventually } from '../lib/wait.mjs';
import { ModerationQueue } from '../pages/moderation.mjs';
import { RecommendationPage } from '../pages/recommendation.mjs';
import { SignInPage } from '../pages/signin.mjs';

await suite('acceptance: comment, moderation, publication under the public name', { needsPages: true }, async (t) => {
  const rec = await recommendationAt(SPAIN_UPR, REC_INDEX.comment);
  const body = unique('Browser test: the rural clinics still lack interpreters,');
  const csoApi = await apiAs(ACCOUNTS.cso);
  const mine = () => findItem(csoApi.get, '/api/v1/account/comments', (c) => c.body === body);

  await t.step('a CSO signs in and comments on the recommendation page', async () => {
    const signInPage = await SignInPage.open(t);
    await signInPage.signIn(ACCOUNTS.cso);
    assert.equal((await whoAmI(signInPage.page)).user.email, ACCOUNTS.cso);
    const page = await RecommendationPage.open(t, rec.id, { context: signInPage.page.context() });
    await checkPage(page.page, 'recommendation-cso', { fullPage: true });
    await page.comment(body);
    assert.equal((await mine()).state, 'pending');
  });

  await t.step('the public does not see it before moderation', async () => {
    const pub = await RecommendationPage.open(t, rec.id);
    assert.ok(!(await pub.page.content()).includes(body));
  });

  await t.step('the coordinator publishes it from the queue, which does not name the author', async () => {
    const context = await t.newContext();
    await signIn(await context.newPage(), ACCOUNTS.coordinator);
    const queue = await ModerationQueue.open(t, { context });
    const entry = queue.entry(body);
    await entry.waitFor();
    const shown = await entry.innerText();
    assert.ok(!shown.includes(CSO_PUBLIC_NAME) && !shown.includes(ACCOUNTS.cso), 'the queue hides the author');
    await checkPage(queue.page, 'moderation-queue', { fullPage: true });
    await queue.publish(body);
    assert.equal((await mine()).state, 'published');
  });

  await t.step('the public page shows it under the public name, never the email', async () => {
    const pub = await RecommendationPage.open(t, rec.id);
    await eventually(async () => {
      const text = await pub.comments.innerText();
      assert.ok(text.includes(body), 'the comment');
      assert.ok(text.includes(CSO_PUBLIC_NAME), 'under the public name');
    }, { what: 'the published comment' });
    assert.ok(!(await pub.page.content()).includes(ACCOUNTS.cso), 'the email is nowhere in the page');
  });
});
