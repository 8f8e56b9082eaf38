// Issue 8, acceptance 1-3: a focal point signs in, submits a status update
// from the ministry workspace, the institution's validator approves it from
// the queue, and the public recommendation page shows it; the
// recommendation page's screenshots and accessibility check.
import assert from 'node:assert/strict';
import { assignLead, findItem, getJson, recommendationAt, REC_INDEX, SPAIN_UPR, today, unique } from '../lib/data.mjs';
import { suite } from '../lib/harness.mjs';
import { ACCOUNTS } from '../lib/hrtrack.mjs';
import { checkPage } from '../lib/page_checks.mjs';
import { apiAs, signIn, whoAmI } from '../lib/session.mjs';
import { eventually } from '../lib/wait.mjs';
import { RecommendationPage } from '../pages/recommendation.mjs';
import { SignInPage } from '../pages/signin.mjs';
import { ValidationQueue } from '../pages/validation.mjs';
import { Workspace } from '../pages/workspace.mjs';

await suite('acceptance: status update, validation, publication', { needsPages: true }, async (t) => {
  const coordinator = await apiAs(ACCOUNTS.coordinator);
  const rec = await recommendationAt(SPAIN_UPR, REC_INDEX.statusUpdate);
  await assignLead(coordinator, rec.id, 'MOH');
  const narrative = unique('Browser test: health workers trained on the protocol,');
  const focalApi = await apiAs(ACCOUNTS.focalMoh);
  const update = () => findItem(focalApi.get, `/api/v1/status-updates?recommendation=${rec.id}`,
    (u) => u.narrative === narrative);
  let focal;

  await t.step('a focal point signs in through the sign-in page', async () => {
    const signInPage = await SignInPage.open(t);
    await checkPage(signInPage.page, 'sign-in');
    await signInPage.signIn(ACCOUNTS.focalMoh);
    focal = signInPage.page;
    assert.equal((await whoAmI(focal)).user.email, ACCOUNTS.focalMoh);
  });

  await t.step('the focal point submits a status update from the workspace', async () => {
    const workspace = await Workspace.open(t, { context: focal.context() });
    await checkPage(workspace.page, 'workspace', { fullPage: true });
    await workspace.submitStatusUpdate(rec.paragraph, { status: 'In progress', asOf: today(), narrative });
    const submitted = await update();
    assert.ok(submitted, 'the API has the update');
    assert.equal(submitted.state, 'submitted');
    assert.equal(submitted.status, 'in_progress');
  });

  await t.step('the validator approves it from the queue', async () => {
    const context = await t.newContext();
    await signIn(await context.newPage(), ACCOUNTS.validatorMoh);
    const queue = await ValidationQueue.open(t, { context });
    await checkPage(queue.page, 'validation-queue', { fullPage: true });
    await queue.approve(narrative);
    assert.equal((await update()).state, 'approved');
  });

  await t.step('the public recommendation page shows it (page checks included)', async () => {
    const history = await getJson(`/api/v1/recommendations/${rec.id}/status-history`);
    assert.ok(history.items.some((h) => h.narrative === narrative), 'public in the API');
    const pub = await RecommendationPage.open(t, rec.id);
    await eventually(async () => {
      const text = await pub.statusHistory.innerText();
      assert.ok(text.includes(narrative), 'the narrative');
      assert.match(text, /in progress/i, 'the status in words');
    }, { what: 'the status history' });
    await checkPage(pub.page, 'recommendation', { fullPage: true });
  });
});
