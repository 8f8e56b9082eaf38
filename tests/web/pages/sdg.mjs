// The SDG dashboard: 17 goal tiles with counts; per goal, its targets
// charted, each a link to the filtered list (the drill-down).
import { ROUTES } from './routes.mjs';

export const NAMES = {
  // A tile is a link whose name starts with its number, "5 Gender equality 6"
  // or "Goal 5: Gender equality, 6 recommendations".
  goalTile: (goal) => new RegExp(`^\\s*(goal|objetivo|objectif|ods|sdg)?\\s*${goal}\\b`, 'i'),
  // A target's bar or row links to the list, its name holding the code "5.2".
  targetLink: (code) => new RegExp(`(^|\\D)${code.replace('.', '\\.')}(\\D|$)`),
};

export class SdgDashboard {
  /* Opens the dashboard and waits for its tiles (drawn together, after the API's replies). */
  static async open(t, options = {}) {
    const dashboard = new SdgDashboard(await t.openPage(ROUTES.sdg, options));
    await dashboard.goalTile(1).waitFor();
    return dashboard;
  }

  constructor(page) {
    this.page = page;
  }

  get main() {
    return this.page.getByRole('main');
  }

  goalTile(goal) {
    return this.main.getByRole('link', { name: NAMES.goalTile(goal) }).first();
  }

  /*
   * A tile's text as shown: number, title and count are blocks of their
   * own, which textContent would run together ("5Gender equality6 …").
   */
  async goalTileText(goal) {
    return this.goalTile(goal).innerText();
  }

  /* All goal tiles (1-17) that are on the page, as [goal, locator]. */
  async goalTiles() {
    const found = [];
    for (let goal = 1; goal <= 17; goal += 1) {
      if (await this.main.getByRole('link', { name: NAMES.goalTile(goal) }).count()) found.push(goal);
    }
    return found;
  }

  /* Opens a goal's detail (its tile). */
  async openGoal(goal) {
    await this.goalTile(goal).click();
    await this.page.getByRole('heading', { level: 1 }).or(this.page.getByRole('heading', { level: 2 }))
      .filter({ hasText: String(goal) }).first().waitFor();
  }

  /* The drill-down link of a target ("5.2") on the goal's chart. */
  targetLink(code) {
    return this.main.getByRole('link', { name: NAMES.targetLink(code) }).first();
  }
}
