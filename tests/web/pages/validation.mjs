// The validator's queue: submitted status updates of the institution, each
// approved or returned with a reason.
import { ROUTES } from './routes.mjs';

export const NAMES = {
  approve: /approve|aprobar|approuver/i,
  confirm: /approve|confirm|yes|aprobar|confirmar|approuver|confirmer/i, // in a role=dialog, if any
  approved: /approved|aprobad|approuv/i, // role=status after approving
};

export class ValidationQueue {
  static async open(t, options = {}) {
    return new ValidationQueue(await t.openPage(ROUTES.validation, options));
  }

  constructor(page) {
    this.page = page;
  }

  /* The queue entry showing `text` (the narrative). */
  entry(text) {
    return this.page.getByRole('listitem').or(this.page.getByRole('row')).or(this.page.getByRole('article'))
      .filter({ hasText: text }).first();
  }

  /* Approves the entry showing `text`, confirming a dialog when one opens. */
  async approve(text) {
    await this.entry(text).getByRole('button', { name: NAMES.approve }).click();
    const dialog = this.page.getByRole('dialog');
    if (await dialog.waitFor({ timeout: 1000 }).then(() => true, () => false)) {
      await dialog.getByRole('button', { name: NAMES.confirm }).click();
    }
    await this.page.getByRole('status').filter({ hasText: NAMES.approved }).first().waitFor();
  }
}
