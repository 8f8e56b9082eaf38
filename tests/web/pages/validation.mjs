// The validator's queue (web/validation.html): the submitted status
// updates of the institution, each approved (after a confirmation
// dialog) or returned with a reason.
import { showMoreUntil } from './more.mjs';
import { ROUTES } from './routes.mjs';

export const NAMES = {
  queue: /awaiting your decision|pendientes de su decisión|en attente de votre décision/i, // region
  approve: /^(approve|aprobar|approuver)\b/i, // button of an entry
  confirm: /approve and publish|aprobar y publicar|approuver et publier/i, // in the role=dialog
  approved: /approved:|aprobado:|approuvé :/i, // role=status after approving
  returnWithReason: /return with a reason|devolver con un motivo|renvoyer avec un motif/i, // button of an entry
  reason: /reason for returning|motivo de la devolución|motif du renvoi/i, // textbox
  sendReturn: /return to the focal point|devolver al punto focal|renvoyer au point focal/i, // button
  returned: /returned to the focal point|devuelto al punto focal|renvoyé au point focal/i, // role=status after returning
  more: /show more|mostrar más|afficher plus/i, // button after the list when it has more pages
};

export class ValidationQueue {
  /* Opens the queue and waits for its list. */
  static async open(t, options = {}) {
    const queue = new ValidationQueue(await t.openPage(ROUTES.validation, options));
    await queue.region.waitFor();
    return queue;
  }

  constructor(page) {
    this.page = page;
  }

  get region() {
    return this.page.getByRole('region', { name: NAMES.queue });
  }

  /*
   * The queue entry showing `text` (the narrative), showing more of the
   * queue until it is there (oldest first, a page at a time).
   */
  async entry(text) {
    const entry = this.region.getByRole('listitem').filter({ hasText: text }).first();
    return showMoreUntil(entry, this.region.getByRole('button', { name: NAMES.more }));
  }

  /* Approves the entry showing `text`, confirming the dialog that opens. */
  async approve(text) {
    await (await this.entry(text)).getByRole('button', { name: NAMES.approve }).click();
    await this.page.getByRole('dialog').getByRole('button', { name: NAMES.confirm }).click();
    await this.page.getByRole('status').filter({ hasText: NAMES.approved }).first().waitFor();
  }

  /* Opens the return form of the entry showing `text`, writes `reason` and sends it. Resolves to the entry. */
  async returnWithReason(text, reason) {
    const entry = await this.entry(text);
    const open = entry.getByRole('button', { name: NAMES.returnWithReason });
    if (await open.isVisible()) await open.click();
    await entry.getByRole('textbox', { name: NAMES.reason }).fill(reason);
    await entry.getByRole('button', { name: NAMES.sendReturn }).click();
    return entry;
  }
}
