// The ministry workspace of a focal point (web/workspace.html): the
// institution's recommendations, each with a button to report progress,
// which opens the progress-report form (status, date, narrative) where
// the report is saved as a draft and submitted for validation; the
// reports returned by a validator, with the reason, to correct and
// resubmit.
import { ROUTES } from './routes.mjs';
import { showMoreUntil } from './more.mjs';

export const NAMES = {
  recommendations: /recommendations assigned|recomendaciones asignadas|recommandations confiées/i, // region
  returned: /returned to you|devueltos para corregir|renvoyés pour correction/i, // region
  newUpdate: /report progress|informar del avance|rendre compte/i, // button on a recommendation's row
  correct: /correct and resubmit|corregir y volver|corriger et soumettre/i, // button on a returned report
  editor: /progress report|informe de avance|rapport d'avancement/i, // the form, named by its heading
  status: /implementation status|estado de aplicación|état de mise en œuvre/i, // combobox
  asOf: /as of|fecha a la que|date à laquelle/i, // date field
  narrative: /narrative|descripción|récit/i, // textbox
  saveDraft: /save draft|guardar borrador|enregistrer le brouillon/i, // button
  draftSaved: /draft saved|borrador guardado|brouillon enregistré/i, // the form's role=status
  submit: /submit for validation|enviar a validación|soumettre pour validation/i, // button
  submitted: /submitted for validation|enviado a validación|soumis pour validation/i, // role=status after submitting
  more: /show more|mostrar más|afficher plus/i, // button after a list that has more pages
};

/* A paragraph number as a whole ("85.2" is not "85.20"). */
function paragraphName(paragraph) {
  return new RegExp(`(^|[^\\d.])${paragraph.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\d])`);
}

export class Workspace {
  /* Opens the workspace and waits for the lists (drawn together, after the API's replies). */
  static async open(t, options = {}) {
    const workspace = new Workspace(await t.openPage(ROUTES.workspace, options));
    await workspace.recommendations.waitFor();
    return workspace;
  }

  constructor(page) {
    this.page = page;
  }

  get recommendations() {
    return this.page.getByRole('region', { name: NAMES.recommendations });
  }

  get editor() {
    return this.page.getByRole('form', { name: NAMES.editor });
  }

  /* The part of the page around the form: its heading, the state, a validator's reason. */
  get editorSection() {
    return this.page.getByRole('region').filter({ has: this.editor });
  }

  /*
   * The row of the recommendation whose paragraph number is `paragraph`
   * (its heading's link names it), showing more of the list until it is
   * there (the list is in paragraph order, a page at a time).
   */
  async recommendation(paragraph) {
    const row = this.recommendations.getByRole('listitem')
      .filter({ has: this.page.getByRole('link', { name: paragraphName(paragraph) }) }).first();
    return showMoreUntil(row, this.recommendations.getByRole('button', { name: NAMES.more }));
  }

  /* The report returned by a validator that shows `text` (its narrative or the reason). */
  returnedReport(text) {
    return this.page.getByRole('region', { name: NAMES.returned }).getByRole('listitem').filter({ hasText: text }).first();
  }

  /* Saves the open form as a draft, then submits it; waits for the page to say it was submitted. */
  async saveAndSubmit() {
    const form = this.editor;
    await form.getByRole('button', { name: NAMES.saveDraft }).click();
    await form.getByRole('status').filter({ hasText: NAMES.draftSaved }).waitFor();
    await form.getByRole('button', { name: NAMES.submit }).click();
    await this.page.getByRole('status').filter({ hasText: NAMES.submitted }).first().waitFor();
  }

  /*
   * Drafts a status update on the recommendation of paragraph `paragraph`
   * and submits it for validation. `status` is the option's label ("In
   * progress"), `asOf` YYYY-MM-DD.
   */
  async submitStatusUpdate(paragraph, { status, asOf, narrative }) {
    await (await this.recommendation(paragraph)).getByRole('button', { name: NAMES.newUpdate }).click();
    const form = this.editor;
    await form.getByRole('combobox', { name: NAMES.status }).selectOption({ label: status });
    await form.getByLabel(NAMES.asOf).fill(asOf);
    await form.getByRole('textbox', { name: NAMES.narrative }).fill(narrative);
    await this.saveAndSubmit();
  }

  /* Opens the returned report showing `text`, replaces its narrative and submits it again. */
  async correctAndResubmit(text, { narrative }) {
    await this.returnedReport(text).getByRole('button', { name: NAMES.correct }).click();
    await this.editor.getByRole('textbox', { name: NAMES.narrative }).fill(narrative);
    await this.saveAndSubmit();
  }
}
