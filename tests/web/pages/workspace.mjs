// The ministry workspace of a focal point: the institution's
// recommendations, and for each a form to draft and submit a status update.
import { ROUTES } from './routes.mjs';

export const NAMES = {
  newUpdate: /status update|report progress|informar|nouvelle/i, // link or button on a recommendation's row
  status: /status|estado|statut/i, // combobox
  asOf: /as of|date|fecha/i, // date field
  narrative: /narrative|progress|what was done|descripci|récit/i, // textbox
  saveDraft: /save draft|guardar borrador|enregistrer/i, // button, when drafts are saved first
  submit: /submit|enviar|soumettre/i, // button: submit for validation
  submitted: /submitted|validation|enviad|soumis/i, // role=status after submitting
};

export class Workspace {
  static async open(t, options = {}) {
    return new Workspace(await t.openPage(ROUTES.workspace, options));
  }

  constructor(page) {
    this.page = page;
  }

  /* The row (list item or table row) of a recommendation, found by a text it shows (its paragraph). */
  recommendation(text) {
    return this.page.getByRole('listitem').or(this.page.getByRole('row')).filter({ hasText: text }).first();
  }

  /*
   * Drafts a status update on the recommendation showing `rowText` and
   * submits it for validation. `status` is the option's label ("In
   * progress"), `asOf` YYYY-MM-DD.
   */
  async submitStatusUpdate(rowText, { status, asOf, narrative }) {
    const row = this.recommendation(rowText);
    await row.getByRole('link', { name: NAMES.newUpdate }).or(row.getByRole('button', { name: NAMES.newUpdate })).first().click();
    const form = this.page.locator('form').filter({ has: this.page.getByRole('combobox', { name: NAMES.status }) }).first();
    await form.getByRole('combobox', { name: NAMES.status }).selectOption({ label: status });
    await form.getByLabel(NAMES.asOf).fill(asOf);
    await form.getByRole('textbox', { name: NAMES.narrative }).fill(narrative);
    const draft = form.getByRole('button', { name: NAMES.saveDraft });
    if (await draft.count()) {
      await draft.click();
      await form.getByRole('button', { name: NAMES.submit }).waitFor();
    }
    await form.getByRole('button', { name: NAMES.submit }).click();
    await this.page.getByRole('status').filter({ hasText: NAMES.submitted }).first().waitFor();
  }
}
