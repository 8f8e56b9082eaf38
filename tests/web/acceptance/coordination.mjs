// The coordinator's pages (issue 8, "Coordinator: import runs and their
// reject reports, clustering, priorities, assignments, ... reports"): each
// loads for the coordinator without a console error or a serious axe
// violation, with screenshots at both widths, and what a page does is
// checked through the API: a recommendation's priority and institutions
// set on plan.html, a cluster made, filled and assigned on clusters.html
// (its members then carry its lead), the suggestions shown as the API
// proposes them, a report downloaded and a report deadline recorded on
// reports.html, the import runs listed as the API counts them.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { findItem, institutionId, recommendationAt, REC_INDEX, SPAIN_UPR, unique } from '../lib/data.mjs';
import { suite } from '../lib/harness.mjs';
import { ACCOUNTS } from '../lib/hrtrack.mjs';
import { checkPage } from '../lib/page_checks.mjs';
import { apiAs, signIn } from '../lib/session.mjs';
import { eventually } from '../lib/wait.mjs';
import { ClustersPage, CoordinationHub, ImportsPage, NAMES, PlanPage, ReportsPage } from '../pages/coordination.mjs';
import { mainNav } from '../pages/layout.mjs';

await suite('acceptance: the coordinator pages', { needsPages: true }, async (t) => {
  const coordinator = await apiAs(ACCOUNTS.coordinator);
  const [planRec, clusterRec, moe, moh] = await Promise.all([
    recommendationAt(SPAIN_UPR, REC_INDEX.plan),
    recommendationAt(SPAIN_UPR, REC_INDEX.cluster),
    institutionId('MOE'),
    institutionId('MOH'),
  ]);
  const context = await t.newContext();
  await signIn(await context.newPage(), ACCOUNTS.coordinator);

  await t.step('the navigation leads the coordinator to the hub, which lists the pages', async () => {
    const search = await t.openPage('/', { context });
    await mainNav(search).getByRole('link', { name: /coordination|coordinación/i }).click();
    await search.waitForURL(/coordination\.html/);
    const hub = new CoordinationHub(search);
    for (const which of ['moderation', 'clusters', 'plan', 'reports', 'imports']) await hub.link(which).waitFor();
    assert.equal(await hub.link('admin').count(), 0, 'users and institutions are the admins\'');
    await checkPage(search, 'coordination');
  });

  await t.step('plan.html sets a priority, a lead and a supporter, as the API then answers', async () => {
    const reason = unique('Browser test: raised by the national plan');
    const page = await PlanPage.open(t, planRec.id, { context });
    await page.plan({ priority: 'high', reason, lead: 'MOE', support: ['MOH'] });
    const plan = await coordinator.get(`/api/v1/recommendations/${planRec.id}/plan`);
    assert.equal(plan.priority, 'high');
    assert.equal(plan.priority_reason, reason);
    assert.equal(plan.lead, moe);
    assert.deepEqual(plan.support, [moh]);
    await checkPage(page.page, 'coordination-plan', { fullPage: true });
  });

  await t.step('clusters.html shows the suggestions the API proposes for the state', async () => {
    const page = await ClustersPage.open(t, { context });
    const state = await eventually(async () => {
      const value = await page.suggestions.getByRole('combobox', { name: /^(state|estado|état)$/i }).inputValue();
      assert.match(value, /^[A-Z]{2}$/);
      return value;
    }, { what: 'the states to choose from' });
    const proposed = await coordinator.get(`/api/v1/clusters/suggestions?state=${state}`);
    await eventually(async () => assert.equal(await page.suggestionItems().count(), proposed.items.length),
      { what: 'one list item per suggestion' });
    await checkPage(page.page, 'coordination-clusters', { fullPage: true });
  });

  await t.step('a cluster made on clusters.html, filled by number and assigned, passes its lead to its members', async () => {
    const name = unique('Browser test cluster');
    const page = await ClustersPage.open(t, { context });
    const id = await page.create(name);
    await page.addMembers([clusterRec.id]);
    await page.assignLead('MOH');
    const cluster = await coordinator.get(`/api/v1/clusters/${id}`);
    assert.equal(cluster.name, name);
    assert.equal(cluster.lead, moh);
    const members = await coordinator.get(`/api/v1/clusters/${id}/members`);
    assert.deepEqual(members.items.map((m) => m.id), [clusterRec.id]);
    assert.equal((await coordinator.get(`/api/v1/recommendations/${clusterRec.id}/plan`)).lead, moh);
    await checkPage(page.page, 'coordination-cluster', { fullPage: true });
  });

  await t.step('reports.html downloads a report and records a deadline', async () => {
    const page = await ReportsPage.open(t, { context });
    const download = await page.downloadUpr();
    assert.match(download.suggestedFilename(), /\.md$/);
    assert.match(await readFile(await download.path(), 'utf8'), /^# /, 'a Markdown report');
    // A cycle without UPR recommendations: told in words, nothing saved.
    await page.uprForm.getByRole('spinbutton', { name: NAMES.cycle }).fill('20');
    await page.uprForm.getByRole('button', { name: NAMES.markdown }).click();
    await page.uprForm.getByRole('status').filter({ hasText: NAMES.noReport }).waitFor();
    await page.uprForm.getByRole('spinbutton', { name: NAMES.cycle }).fill('');
    const title = unique('Browser test: CRC periodic report');
    const due = `${new Date().getUTCFullYear() + 2}-03-31`;
    await page.recordDeadline({ title, due });
    await page.deadlineRow(title).waitFor();
    const recorded = await findItem(coordinator.get, '/api/v1/report-deadlines', (d) => d.title === title);
    assert.equal(recorded.due_date, due);
    assert.equal(recorded.institution_id, null);
    // The refused cycle's 404 is logged by Chromium as a failed resource: expected here.
    const refused = (e) => /reports\/upr-midterm\?state=[A-Z]{2}&cycle=20&/.test(e.url) && /\b404\b/.test(e.text);
    await checkPage(page.page, 'coordination-reports', { fullPage: true, allowConsole: [refused] });
  });

  await t.step('imports.html lists the runs the API records, newest first', async () => {
    const page = await ImportsPage.open(t, { context });
    const runs = await coordinator.get('/api/v1/import-runs?limit=50');
    await eventually(async () => assert.equal(await page.rows().count(), runs.items.length),
      { what: 'one row per import run' });
    const first = await page.rows().first().innerText();
    assert.ok(first.includes(runs.items[0].file_name.split('/').pop()), 'the newest run first');
    await checkPage(page.page, 'coordination-imports', { fullPage: true });
  });
});
