// The sign-in page: email, password, a button; a person signed in sees a
// sign-out control.
import { signOutControl } from './layout.mjs';
import { ROUTES } from './routes.mjs';
import { PASSWORD } from '../lib/hrtrack.mjs';

export const NAMES = {
  email: /e-?mail|correo|courriel/i,
  password: /password|contraseña|mot de passe/i,
  submit: /sign in|iniciar sesión|se connecter/i,
};

export class SignInPage {
  static async open(t, options = {}) {
    return new SignInPage(await t.openPage(ROUTES.signIn, options));
  }

  constructor(page) {
    this.page = page;
  }

  /* Fills the form and sends it; waits until the page shows the sign-out control. */
  async signIn(email, password = PASSWORD) {
    await this.page.getByRole('textbox', { name: NAMES.email }).fill(email);
    // A password field has no ARIA role: found by its label.
    await this.page.getByLabel(NAMES.password).fill(password);
    await this.page.getByRole('button', { name: NAMES.submit }).click();
    await signOutControl(this.page).waitFor();
  }
}
