/*
 * A question that must be answered before an action that cannot be
 * undone (approving a status update makes it public for good; deleting a
 * draft loses it): a modal <dialog> with a heading, a sentence and two
 * buttons. The browser keeps the focus inside it and Escape cancels;
 * the focus goes back where it was when it closes.
 */
import { el } from './dom.js';
import { t } from './i18n.js';

let counter = 0;

/* Resolves to true when the reader confirms. {title, text, confirm: the confirming button's label}. */
export function confirmDialog({ title, text, confirm }) {
  const id = `ws-dialog-${++counter}`;
  const yes = el('button', { type: 'button', value: 'yes' }, confirm);
  const no = el('button', { type: 'button', class: 'secondary', value: 'no' }, t('ws.cancel'));
  const dialog = el('dialog', { class: 'ws-dialog', 'aria-labelledby': `${id}-title`, 'aria-describedby': `${id}-text` },
    el('h2', { id: `${id}-title` }, title),
    el('p', { id: `${id}-text` }, text),
    el('div', { class: 'ws-buttons' }, yes, no));
  const back = document.activeElement;
  document.body.append(dialog);
  return new Promise((resolve) => {
    const close = (answer) => {
      dialog.close();
      dialog.remove();
      if (back && back.isConnected) back.focus();
      resolve(answer);
    };
    yes.addEventListener('click', () => close(true));
    no.addEventListener('click', () => close(false));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      close(false);
    });
    dialog.showModal();
    yes.focus();
  });
}
