// The coordinator's moderation queue (/moderation.html): pending comments,
// shown without their author, each published, or rejected with a reason
// in a form that opens under it.
import { ROUTES } from './routes.mjs';

export const NAMES = {
  publish: /publish|publicar|publier/i,
  confirm: /publish|confirm|yes|publicar|confirmar|publier|confirmer/i, // in a role=dialog, if any
  published: /published|publicad|publié/i, // role=status after publishing
  reject: /^(reject|rechazar|rejeter)/i, // the button that opens the reject form
  reason: /reason|motivo|motif/i, // its textbox
  sendReject: /reject the comment|rechazar el comentario|rejeter le commentaire/i,
  reasonMissing: /give a reason|indique un motivo|donner un motif/i, // role=status in the form
  rejected: /rejected|rechazado|rejeté/i, // role=status after rejecting
};

export class ModerationQueue {
  static async open(t, options = {}) {
    return new ModerationQueue(await t.openPage(ROUTES.moderation, options));
  }

  constructor(page) {
    this.page = page;
  }

  /* The pending comment showing `text`. */
  entry(text) {
    return this.page.getByRole('listitem').or(this.page.getByRole('row')).or(this.page.getByRole('article'))
      .filter({ hasText: text }).first();
  }

  async publish(text) {
    await this.entry(text).getByRole('button', { name: NAMES.publish }).click();
    const dialog = this.page.getByRole('dialog');
    if (await dialog.waitFor({ timeout: 1000 }).then(() => true, () => false)) {
      await dialog.getByRole('button', { name: NAMES.confirm }).click();
    }
    await this.page.getByRole('status').filter({ hasText: NAMES.published }).first().waitFor();
  }

  /* Opens the reject form under the comment showing `text`; answers the form. */
  async openReject(text) {
    await this.entry(text).getByRole('button', { name: NAMES.reject }).click();
    const form = this.entry(text).getByRole('form');
    await form.getByRole('textbox', { name: NAMES.reason }).waitFor();
    return form;
  }

  /* Rejects the comment showing `text` with `reason`; waits for the page to say so. */
  async reject(text, reason) {
    const form = await this.openReject(text);
    await form.getByRole('textbox', { name: NAMES.reason }).fill(reason);
    await form.getByRole('button', { name: NAMES.sendReject }).click();
    await this.page.getByRole('status').filter({ hasText: NAMES.rejected }).first().waitFor();
  }
}
