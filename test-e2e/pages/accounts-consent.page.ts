import type { BrowserContext, Page } from '@playwright/test';

/**
 * The services' own consent windows, which `identity.launchWebAuthFlow` opens as a new page:
 * X's "Authorize app" screen and GNU social's OAuth authorization form.
 */
export class ConsentWindow {
  private constructor(readonly page: Page) {}

  /** Runs `open` (the click that starts the flow) and returns the window it opened. */
  static async after(context: BrowserContext, open: () => Promise<void>): Promise<ConsentWindow> {
    const opened = context.waitForEvent('page');
    await open();
    return new ConsentWindow(await opened);
  }

  async authorizeOnX(): Promise<void> {
    await this.page.getByRole('button', { name: 'Authorize app' }).click();
  }

  async cancelOnX(): Promise<void> {
    await this.page.getByRole('button', { name: 'Cancel' }).click();
  }

  async allowOnStatusNet(nickname: string, password: string): Promise<void> {
    await this.page.getByLabel('Nickname').fill(nickname);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Allow' }).click();
  }
}
