// Issue 8, the ministry workspace beyond the first submission: the
// validator returns a report from the queue (in Spanish; without a reason
// the API refuses it, and the page says why in words), the focal point
// finds it in the workspace with the reason, corrects it, attaches a
// public file and submits it again, the validator approves it, and the
// public page shows it with the file. Screenshots of the workspace with
// the returned report and with the form open.
import assert from 'node:assert/strict';
import { assignLead, findItem, getJson, recommendationAt, SPAIN_UPR, unique, WORKSPACE_REC_INDEX } from '../lib/data.mjs';
import { suite } from '../lib/harness.mjs';
import { ACCOUNTS } from '../lib/hrtrack.mjs';
import { checkPage } from '../lib/page_checks.mjs';
import { hrtrackBase } from '../lib/hrtrack.mjs';
import { apiAs, signIn } from '../lib/session.mjs';
import { eventually } from '../lib/wait.mjs';
import { RecommendationPage } from '../pages/recommendation.mjs';
import { NAMES as QUEUE, ValidationQueue } from '../pages/validation.mjs';
import { NAMES as WS, Workspace } from '../pages/workspace.mjs';

await suite('acceptance: a report returned with a reason, corrected and approved', { needsPages: true }, async (t) => {
  const coordinator = await apiAs(ACCOUNTS.coordinator);
  const focalApi = await apiAs(ACCOUNTS.focalMoh);
  const rec = await recommendationAt(SPAIN_UPR, WORKSPACE_REC_INDEX.returnUpdate);
  await assignLead(coordinator, rec.id, 'MOH');
  const narrative = unique('Browser test: the hospital protocol was adopted,');
  const corrected = unique('Browser test: the protocol was adopted by decree 12/2026 in all 17 regions,');
  const reason = unique('Name the decree and the regions.');
  const fileName = `decree-${Date.now()}.txt`;
  const draft = await focalApi.post('/api/v1/status-updates', {
    recommendation_id: rec.id, status: 'partially_implemented', as_of: '2026-01-31', narrative,
  });
  await focalApi.post(`/api/v1/status-updates/${draft.id}/submit`, { version: draft.version });
  const update = () => focalApi.get(`/api/v1/status-updates/${draft.id}`);
  let validator;

  await t.step('the validator, in Spanish, must give a reason: the page says so in words', async () => {
    const context = await t.newContext({ lang: 'es' });
    await signIn(await context.newPage(), ACCOUNTS.validatorMoh);
    validator = await ValidationQueue.open(t, { context, lang: 'es' });
    const entry = await validator.returnWithReason(narrative, '   ');
    const alert = entry.getByRole('alert');
    await eventually(async () => assert.match(await alert.innerText(), /motivo/i), { what: 'the refusal in Spanish' });
    assert.equal(await entry.getByRole('textbox', { name: QUEUE.reason }).getAttribute('aria-invalid'), 'true');
    assert.equal((await update()).state, 'submitted', 'nothing changed');
  });

  await t.step('with a reason, the report goes back to the focal point', async () => {
    await validator.returnWithReason(narrative, reason);
    await validator.page.getByRole('status').filter({ hasText: QUEUE.returned }).first().waitFor();
    const returned = await update();
    assert.equal(returned.state, 'returned');
    assert.equal(returned.return_reason, reason);
  });

  await t.step('the focal point sees it with the reason, corrects it, attaches a file and resubmits', async () => {
    const context = await t.newContext();
    await signIn(await context.newPage(), ACCOUNTS.focalMoh);
    const workspace = await Workspace.open(t, { context });
    const row = workspace.returnedReport(narrative);
    assert.ok((await row.innerText()).includes(reason), 'the reason is shown with the report');
    await checkPage(workspace.page, 'workspace-returned', { fullPage: true });
    await row.getByRole('button', { name: WS.correct }).click();
    const form = workspace.editor;
    assert.ok((await workspace.editorSection.innerText()).includes(reason),
      'the form shows the reason too');
    await form.getByRole('textbox', { name: WS.narrative }).fill(corrected);
    await form.getByLabel(/attach files/i).setInputFiles({
      name: fileName, mimeType: 'text/plain', buffer: Buffer.from('Decree 12/2026 on the hospital protocol.\n'),
    });
    await form.getByRole('checkbox', { name: /public once/i }).check();
    await checkPage(workspace.page, 'workspace-editor', { fullPage: true });
    await workspace.saveAndSubmit();
    const resubmitted = await update();
    assert.equal(resubmitted.state, 'submitted');
    assert.equal(resubmitted.narrative, corrected);
    assert.deepEqual(resubmitted.attachments.map((a) => [a.file_name, a.public]), [[fileName, true]]);
  });

  await t.step('approved, the public page shows the corrected report and its file', async () => {
    await validator.page.reload();
    await validator.region.waitFor();
    await validator.approve(corrected);
    assert.equal((await update()).state, 'approved');
    const pub = await RecommendationPage.open(t, rec.id);
    await eventually(async () => {
      const text = await pub.statusHistory.innerText();
      assert.ok(text.includes(corrected), 'the corrected narrative');
      assert.ok(!text.includes(narrative), 'not the first one');
    }, { what: 'the status history' });
    const link = pub.statusHistory.getByRole('link', { name: fileName });
    const href = await link.getAttribute('href');
    const reply = await fetch(new URL(href, hrtrackBase()));
    assert.equal(reply.status, 200, 'the file is public');
    assert.match(await reply.text(), /Decree 12\/2026/);
    const history = await getJson(`/api/v1/recommendations/${rec.id}/status-history`);
    assert.ok(history.items.some((h) => h.narrative === corrected));
    assert.ok(await findItem(focalApi.get, `/api/v1/status-updates?recommendation=${rec.id}`, (u) => u.id === draft.id));
  });
});
