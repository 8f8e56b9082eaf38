// Issue 8, the follow-up on a recommendation's page as a ministry sees
// it: the assigned institutions (lead and supporting), the actions with
// their own validated reports and their indicators and measurements, and
// a timeline of all their dates around today; what is overdue shows in
// the workspace too. The public sees none of the planning data.
import assert from 'node:assert/strict';
import { institutionId, recommendationAt, SPAIN_UPR, unique, WORKSPACE_REC_INDEX } from '../lib/data.mjs';
import { suite } from '../lib/harness.mjs';
import { ACCOUNTS } from '../lib/hrtrack.mjs';
import { checkPage } from '../lib/page_checks.mjs';
import { apiAs, signIn } from '../lib/session.mjs';
import { eventually } from '../lib/wait.mjs';
import { RecommendationPage } from '../pages/recommendation.mjs';
import { showMoreUntil } from '../pages/more.mjs';
import { NAMES, Workspace } from '../pages/workspace.mjs';

const region = (page, name) => page.getByRole('region', { name });

await suite('acceptance: a recommendation\'s follow-up (assignment, actions, indicators, timeline)', { needsPages: true }, async (t) => {
  const coordinator = await apiAs(ACCOUNTS.coordinator);
  const focalApi = await apiAs(ACCOUNTS.focalMoh);
  const validatorApi = await apiAs(ACCOUNTS.validatorMoh);
  const rec = await recommendationAt(SPAIN_UPR, WORKSPACE_REC_INDEX.followup);
  const [moh, mfa] = [await institutionId('MOH'), await institutionId('MFA')];
  const plan = await coordinator.get(`/api/v1/recommendations/${rec.id}/plan`);
  await coordinator.put(`/api/v1/recommendations/${rec.id}/plan`, { lead: moh, support: [mfa], priority: 'high', version: plan.version });
  const title = unique('Browser test: train the registrars of the 17 regions');
  const action = await focalApi.post('/api/v1/actions', {
    title, institution_id: moh, start_date: '2025-03-01', due_date: '2025-12-31', status: 'in_progress', recommendations: [rec.id],
  });
  const definition = unique('Browser test: registrars trained');
  const indicator = await focalApi.post('/api/v1/indicators', {
    action_id: action.id, definition, unit: '%', baseline: 10, baseline_date: '2025-02-28', target_value: 90, due_date: '2030-06-30',
  });
  await focalApi.post(`/api/v1/indicators/${indicator.id}/measurements`, { measured_on: '2025-09-30', value: 45 });
  const report = await focalApi.post('/api/v1/status-updates', {
    action_id: action.id, status: 'in_progress', as_of: '2025-10-15', narrative: unique('Browser test: 9 regions done,'),
  });
  const submitted = await focalApi.post(`/api/v1/status-updates/${report.id}/submit`, { version: report.version });
  await validatorApi.post(`/api/v1/status-updates/${report.id}/approve`, { version: submitted.version });
  let context;

  await t.step('the workspace shows the action overdue', async () => {
    context = await t.newContext();
    await signIn(await context.newPage(), ACCOUNTS.focalMoh);
    const workspace = await Workspace.open(t, { context });
    // Both lists are paged (the due list soonest first, the actions by id): more until the row is there.
    const row = async (name) => {
      const list = region(workspace.page, name);
      return showMoreUntil(list.getByRole('listitem').filter({ hasText: title }), list.getByRole('button', { name: NAMES.more }));
    };
    assert.match(await (await row(/what is due/i)).innerText(), /overdue by \d+ days/i);
    assert.match(await (await row(/actions of my institution/i)).innerText(), /overdue/i);
  });

  await t.step('the recommendation\'s page shows its assignment, action, indicator and timeline', async () => {
    const page = await RecommendationPage.open(t, rec.id, { context });
    const timeline = region(page.page, /timeline/i);
    await timeline.waitFor();
    const assignment = await region(page.page, /assignment/i).innerText();
    assert.match(assignment, /Ministry of Health/, 'the lead');
    assert.match(assignment, /Ministry of Foreign Affairs/, 'the supporting institution');
    const actions = await region(page.page, /^actions/i).innerText();
    assert.ok(actions.includes(title) && /overdue/i.test(actions), 'the action, overdue');
    assert.ok(actions.includes(definition), 'its indicator');
    assert.match(actions, /in progress/i, 'its validated status');
    assert.match(actions, /45 %/, 'the measurement');
    const text = await timeline.innerText();
    const at = (needle) => {
      const i = text.indexOf(needle);
      assert.ok(i >= 0, `the timeline names ${needle}`);
      return i;
    };
    const order = [at(`Baseline of “${definition}”`), at(`Start of the action “${title}”`), at(`Measured “${definition}”`),
      at(`Validated report on the action “${title}”`), at(`Due date of the action “${title}”`), at('Today'),
      at(`Target date of “${definition}”`)];
    assert.deepEqual([...order].sort((a, b) => a - b), order, 'in date order, today between past and future');
    await checkPage(page.page, 'recommendation-staff', { fullPage: true });
  });

  await t.step('the public page shows none of the planning data', async () => {
    const pub = await RecommendationPage.open(t, rec.id);
    await eventually(async () => assert.ok(await pub.statusHistory.isVisible()), { what: 'the page' });
    for (const name of [/timeline/i, /assignment/i, /^actions/i]) {
      assert.equal(await region(pub.page, name).count(), 0, `no ${name} region`);
    }
    assert.ok(!(await pub.page.content()).includes(title), 'the action is not public');
  });
});
