// What every page shares: the main navigation, the language switch, the
// signed-in user. Driven by ARIA role and accessible name only; the names
// are in NAMES (English, the tests' browser language unless a test switches).
export const NAMES = {
  mainNav: /main|principal/i,
  // A combobox labelled "Language", or links/buttons named by the language in itself.
  languageBox: /language|idioma|langue/i,
  languageChoice: { en: 'English', es: 'Español', fr: 'Français' },
  signOut: /sign out|cerrar sesión|se déconnecter/i,
  // The main navigation's links, in the three languages.
  nav: {
    search: /search|buscar|recherche/i,
    sdg: /sdg|ods|odd|sustainable|sostenible|durable/i,
  },
};

export function mainNav(page) {
  return page.getByRole('navigation', { name: NAMES.mainNav }).first();
}

/*
 * Follows the main navigation's link to `which` (a key of NAMES.nav), and
 * waits for the new page's navigation: web/ draws its header only once the
 * language's catalogue is loaded and <html lang> set, which comes after the
 * load event (under load, later than the next assertion).
 */
export async function navigateTo(page, which) {
  await mainNav(page).getByRole('link', { name: NAMES.nav[which] }).first().click();
  await page.waitForLoadState('load');
  await mainNav(page).waitFor();
}

/* Switches the interface to `lang` (es, en, fr) and waits for <html lang> to say it. */
export async function switchLanguage(page, lang) {
  const box = page.getByRole('combobox', { name: NAMES.languageBox });
  if (await box.count()) {
    await box.first().selectOption(lang);
  } else {
    const name = NAMES.languageChoice[lang];
    await page.getByRole('link', { name, exact: true })
      .or(page.getByRole('button', { name, exact: true })).first().click();
  }
  await page.waitForFunction((want) => document.documentElement.lang.startsWith(want), lang);
}

/* The sign-out control, which shows once someone is signed in. */
export function signOutControl(page) {
  return page.getByRole('button', { name: NAMES.signOut }).or(page.getByRole('link', { name: NAMES.signOut })).first();
}
