// The coordinator's pages: the hub, one recommendation's plan, clusters
// (list, suggestions, one cluster), reports and deadlines, the record of
// imports. Parts are found by ARIA role and accessible name (NAMES, in
// English unless a test switches the language).
import { ROUTES } from './routes.mjs';

export const NAMES = {
  hubLinks: {
    moderation: /moderation of comments|moderación|modération/i,
    clusters: /clusters of recommendations|grupos de recomendaciones|groupes de recommandations/i,
    plan: /priority and assignment|prioridad y asignación|priorité et attribution/i,
    reports: /reports and deadlines|informes y plazos|rapports et échéances/i,
    imports: /^(imports|importaciones)$/i,
    admin: /users and institutions|usuarios e instituciones|utilisateurs et institutions/i,
  },
  priority: /^(priority|prioridad|priorité)$/i,
  reason: /why this priority|motivo de la prioridad|raison de cette priorité/i,
  lead: /lead institution|institución líder|chef de file/i,
  support: /supporting institutions|instituciones de apoyo|institutions d’appui/i,
  savePlan: /save the plan|guardar el plan|enregistrer le plan/i,
  saved: /saved|guardad|enregistr/i, // role=status after saving
  clusterName: /^(name|nombre|nom)$/i,
  newCluster: /create a cluster|crear un grupo|créer un groupe/i, // the <summary> of the form
  createCluster: /create the cluster|crear el grupo|créer le groupe/i,
  created: /created|creado|créé/i,
  addMembers: /add recommendations by number|añadir recomendaciones|ajouter des recommandations/i,
  addButton: /^(add|añadir|ajouter)$/i,
  added: /added|añadidas|ajoutées/i,
  assignCluster: /assign to every recommendation|asignar a todas|attribuer à toutes/i,
  assigned: /assigned|asignadas|attribuées/i,
  suggestions: /suggested clusters|grupos sugeridos|groupes suggérés/i, // region
  acceptSuggestion: /create this cluster|crear este grupo|créer ce groupe/i,
  deadlineTitle: /^(report|informe|rapport)$/i,
  dueDate: /^(due|vencimiento|échéance)$/i,
  newDeadline: /record a report deadline|registrar un plazo|enregistrer une échéance/i,
  createDeadline: /record the deadline|registrar el plazo|enregistrer l’échéance/i,
  deadlineCreated: /recorded|registrado|enregistrée/i,
  uprReport: /upr mid-term report|mitad de período del epu|mi-parcours de l’epu/i, // form
  markdown: /markdown/i,
  cycle: /upr cycle|ciclo del epu|cycle de l’epu/i,
  noReport: /no recommendation|ninguna recomendación|aucune recommandation/i, // role=status
  imports: /imports, newest first|las más recientes|les plus récents/i, // table caption
};

/* The institution option label "MOE — Ministry of Education" starts with the acronym. */
const byAcronym = (acronym) => new RegExp(`^${acronym} — `);

/* Opens a <details> by its <summary>, which has no ARIA role to find it by. */
async function openDetails(page, name) {
  await page.locator('summary').filter({ hasText: name }).click();
}

export class CoordinationHub {
  static async open(t, options = {}) {
    return new CoordinationHub(await t.openPage(ROUTES.coordination, options));
  }

  constructor(page) {
    this.page = page;
  }

  link(which) {
    return this.page.getByRole('main').getByRole('link', { name: NAMES.hubLinks[which] });
  }
}

export class PlanPage {
  static async open(t, recId, options = {}) {
    return new PlanPage(await t.openPage(ROUTES.plan(recId), options));
  }

  constructor(page) {
    this.page = page;
  }

  get form() {
    return this.page.getByRole('form', { name: /priority and institutions|prioridad e instituciones|priorité et institutions/i });
  }

  /* Sets priority, reason, lead (an acronym) and supporters (acronyms), then saves and waits for "saved". */
  async plan({ priority, reason, lead, support = [] }) {
    const form = this.form;
    await form.getByRole('combobox', { name: NAMES.priority }).selectOption(priority);
    await form.getByRole('textbox', { name: NAMES.reason }).fill(reason);
    await form.getByRole('combobox', { name: NAMES.lead }).selectOption({ label: await this.optionLabel(lead) });
    const group = form.getByRole('group', { name: NAMES.support });
    for (const acronym of support) await group.getByRole('checkbox', { name: byAcronym(acronym) }).check();
    await form.getByRole('button', { name: NAMES.savePlan }).click();
    await form.getByRole('status').filter({ hasText: NAMES.saved }).waitFor();
  }

  async optionLabel(acronym) {
    const options = await this.form.getByRole('combobox', { name: NAMES.lead }).locator('option').allTextContents();
    const found = options.find((o) => byAcronym(acronym).test(o));
    if (!found) throw new Error(`no institution ${acronym} among ${options.join(', ')}`);
    return found;
  }
}

export class ClustersPage {
  static async open(t, options = {}) {
    return new ClustersPage(await t.openPage(ROUTES.clusters, options));
  }

  constructor(page) {
    this.page = page;
  }

  get suggestions() {
    return this.page.getByRole('region', { name: NAMES.suggestions });
  }

  /* The suggestions shown: one list item per suggestion, each with a form to accept it. */
  suggestionItems() {
    return this.suggestions.getByRole('listitem').filter({ has: this.page.getByRole('button', { name: NAMES.acceptSuggestion }) });
  }

  /* Creates a cluster named `name`; the page goes on to the new cluster, whose id is answered. */
  async create(name) {
    await openDetails(this.page, NAMES.newCluster);
    const form = this.page.getByRole('form', { name: NAMES.newCluster });
    await form.getByRole('textbox', { name: NAMES.clusterName }).fill(name);
    await form.getByRole('button', { name: NAMES.createCluster }).click();
    await this.page.waitForURL(/clusters\.html\?id=\d+/);
    await this.page.getByRole('status').filter({ hasText: NAMES.created }).first().waitFor();
    return Number(new URL(this.page.url()).searchParams.get('id'));
  }

  /* On a cluster's page: adds recommendations by number. */
  async addMembers(ids) {
    const form = this.page.getByRole('form', { name: NAMES.addMembers });
    await form.getByRole('textbox', { name: NAMES.addMembers }).fill(ids.join(', '));
    await form.getByRole('button', { name: NAMES.addButton }).click();
    await form.getByRole('status').filter({ hasText: NAMES.added }).waitFor();
  }

  /* On a cluster's page: gives it (and every member) `lead` (an acronym). */
  async assignLead(lead) {
    const form = this.page.getByRole('form', { name: /^(institutions|instituciones)$/i });
    const select = form.getByRole('combobox', { name: NAMES.lead });
    const options = await select.locator('option').allTextContents();
    await select.selectOption({ label: options.find((o) => byAcronym(lead).test(o)) });
    await form.getByRole('button', { name: NAMES.assignCluster }).click();
    await form.getByRole('status').filter({ hasText: NAMES.assigned }).waitFor();
  }
}

export class ReportsPage {
  static async open(t, options = {}) {
    return new ReportsPage(await t.openPage(ROUTES.reports, options));
  }

  constructor(page) {
    this.page = page;
  }

  get uprForm() {
    return this.page.getByRole('form', { name: NAMES.uprReport });
  }

  /* Downloads the UPR mid-term report as `format` (a button name); answers the Download. */
  async downloadUpr(format = NAMES.markdown) {
    const form = this.uprForm;
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      form.getByRole('button', { name: format }).click(),
    ]);
    return download;
  }

  async recordDeadline({ title, due }) {
    await openDetails(this.page, NAMES.newDeadline);
    const form = this.page.getByRole('form', { name: NAMES.newDeadline });
    await form.getByRole('textbox', { name: NAMES.deadlineTitle }).fill(title);
    await form.getByLabel(NAMES.dueDate).fill(due);
    await form.getByRole('button', { name: NAMES.createDeadline }).click();
    await form.getByRole('status').filter({ hasText: NAMES.deadlineCreated }).waitFor();
  }

  deadlineRow(title) {
    return this.page.getByRole('row').filter({ hasText: title }).first();
  }
}

export class ImportsPage {
  static async open(t, options = {}) {
    return new ImportsPage(await t.openPage(ROUTES.imports, options));
  }

  constructor(page) {
    this.page = page;
  }

  get table() {
    return this.page.getByRole('table', { name: NAMES.imports });
  }

  /* The data rows (each begins with a row header: when it finished). */
  rows() {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('rowheader') });
  }
}
