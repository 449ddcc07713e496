import type { BrowserContext, Page } from '@playwright/test';

/** The options page, by the roles and labels a user (and a screen reader) sees. */
export class OptionsPage {
  private constructor(readonly page: Page) {}

  static async open(context: BrowserContext, extensionId: string): Promise<OptionsPage> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/extension/options/index.html`);
    return new OptionsPage(page);
  }

  heading() {
    return this.page.getByRole('heading', { level: 1 });
  }

  healthStatus() {
    return this.page.getByRole('region', { name: 'Bridge health' }).getByRole('status');
  }

  activityLog() {
    return this.page.getByRole('list', { name: 'Activity log' });
  }
}
