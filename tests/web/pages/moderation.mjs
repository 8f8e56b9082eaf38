// The coordinator's moderation queue: pending comments, shown without their
// author, each published or rejected.
import { ROUTES } from './routes.mjs';

export const NAMES = {
  publish: /publish|publicar|publier/i,
  confirm: /publish|confirm|yes|publicar|confirmar|publier|confirmer/i, // in a role=dialog, if any
  published: /published|publicad|publié/i, // role=status after publishing
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
}
