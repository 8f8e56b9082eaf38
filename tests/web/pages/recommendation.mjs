// A recommendation's page: its text and data, the validated status history,
// the published civil-society comments, and the comment form for CSOs.
import { ROUTES } from './routes.mjs';

export const NAMES = {
  statusHistory: /status history|implementation|historial|historique/i, // region
  comments: /comments|comentarios|commentaires/i, // region
  commentBox: /comment|comentario|commentaire/i, // textbox in the form
  sendComment: /send|post|submit|publish|enviar/i, // button of the form
  pendingNotice: /moderat|pending|pendiente/i, // role=status after sending
};

export class RecommendationPage {
  static async open(t, id, options = {}) {
    return new RecommendationPage(await t.openPage(ROUTES.recommendation(id), options));
  }

  constructor(page) {
    this.page = page;
  }

  get statusHistory() {
    return this.page.getByRole('region', { name: NAMES.statusHistory }).first();
  }

  get comments() {
    return this.page.getByRole('region', { name: NAMES.comments }).first();
  }

  /* Writes and sends a comment; waits for the page to say it awaits moderation. */
  async comment(text) {
    const form = this.page.getByRole('form', { name: NAMES.commentBox })
      .or(this.page.locator('form').filter({ has: this.page.getByRole('textbox', { name: NAMES.commentBox }) })).first();
    await form.getByRole('textbox', { name: NAMES.commentBox }).fill(text);
    await form.getByRole('button', { name: NAMES.sendComment }).click();
    await this.page.getByRole('status').filter({ hasText: NAMES.pendingNotice }).first().waitFor();
  }
}
