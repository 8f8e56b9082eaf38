// A civil-society account's pages: registering (/register.html) and its
// own comments (/my-comments.html), where a rejected comment shows the
// moderator's reason and any comment can be withdrawn; and the admins'
// accounts page (/admin.html) with the page where a person sets a
// password with the token an admin handed over (/password.html).
import { ROUTES } from './routes.mjs';

export const NAMES = {
  publicName: /public name|nombre público|nom public/i,
  email: /^(email|correo|courriel)/i,
  password: /^(password|contraseña|mot de passe)$/i,
  register: /^(register|registrarse|créer le compte)$/i,
  registered: /thank you|gracias|merci/i, // role=status after registering
  rateLimited: /too many attempts|demasiados intentos|trop de tentatives/i,
  whyHeading: /why we ask so little|por qué pedimos|pourquoi nous demandons/i,
  withdraw: /withdraw this comment|retirar este comentario|retirer ce commentaire/i,
  withdrawYes: /yes, withdraw|sí, retirarlo|oui, le retirer/i,
  withdrawn: /was withdrawn|fue retirado|a été retiré/i,
  createAccount: /create an account|crear una cuenta|créer un compte/i,
  createButton: /create the account|crear la cuenta|créer le compte/i,
  name: /^(name|nombre|nom)$/i,
  role: (label) => new RegExp(`^${label}$`, 'i'),
  token: /^(token|código|code)$/i,
  newPassword: /^(new password|nueva contraseña|nouveau mot de passe)$/i,
  passwordAgain: /again|otra vez|à nouveau/i,
  setPassword: /set the password|fijar la contraseña|enregistrer le mot de passe/i,
  passwordSet: /password is set|contraseña quedó fijada|mot de passe est enregistré/i,
};

export class RegisterPage {
  static async open(t, options = {}) {
    return new RegisterPage(await t.openPage(ROUTES.register, options));
  }

  constructor(page) {
    this.page = page;
  }

  get form() {
    return this.page.getByRole('form', { name: /your account|su cuenta|votre compte/i });
  }

  /* Fills and sends the form; answers the text of its status message once there is one. */
  async register({ publicName, email, password }) {
    await this.form.getByRole('textbox', { name: NAMES.publicName }).fill(publicName);
    await this.form.getByRole('textbox', { name: NAMES.email }).fill(email);
    await this.form.getByLabel(NAMES.password).fill(password);
    await this.form.getByRole('button', { name: NAMES.register }).click();
    const status = this.form.getByRole('status').filter({ hasText: /\S/ });
    await status.waitFor();
    return status.innerText();
  }
}

export class MyComments {
  static async open(t, options = {}) {
    return new MyComments(await t.openPage(ROUTES.myComments, options));
  }

  constructor(page) {
    this.page = page;
  }

  entry(text) {
    return this.page.getByRole('listitem').filter({ hasText: text }).first();
  }

  async withdraw(text) {
    const entry = this.entry(text);
    await entry.getByRole('button', { name: NAMES.withdraw }).click();
    await entry.getByRole('button', { name: NAMES.withdrawYes }).click();
    await this.page.getByRole('status').filter({ hasText: NAMES.withdrawn }).first().waitFor();
  }
}

export class AdminPage {
  static async open(t, options = {}) {
    return new AdminPage(await t.openPage(ROUTES.admin, options));
  }

  constructor(page) {
    this.page = page;
  }

  /* Creates an account; answers the one-time token the page shows. */
  async createAccount({ email, name, roleLabel }) {
    await this.page.getByRole('button', { name: NAMES.createAccount }).click();
    const form = this.page.getByRole('form', { name: NAMES.createAccount });
    await form.getByRole('textbox', { name: NAMES.email }).fill(email);
    await form.getByRole('textbox', { name: NAMES.name }).fill(name);
    await form.getByRole('checkbox', { name: NAMES.role(roleLabel) }).check();
    await form.getByRole('button', { name: NAMES.createButton }).click();
    const box = this.page.getByRole('region', { name: new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
    await box.waitFor();
    return (await box.locator('code').first().innerText()).trim();
  }
}

export class PasswordPage {
  static async open(t, token, options = {}) {
    return new PasswordPage(await t.openPage(`${ROUTES.password}#token=${token}`, options));
  }

  constructor(page) {
    this.page = page;
  }

  async setPassword(password) {
    await this.page.getByLabel(NAMES.newPassword).fill(password);
    await this.page.getByLabel(NAMES.passwordAgain).fill(password);
    await this.page.getByRole('button', { name: NAMES.setPassword }).click();
    await this.page.getByRole('status').filter({ hasText: NAMES.passwordSet }).first().waitFor();
  }
}
