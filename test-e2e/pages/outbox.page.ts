import type { BrowserContext, Page } from '@playwright/test';
import { OptionsPage } from './options.page.ts';

/** The export parts of the options page: the outbox to X, its pause and its buttons. */
export class OutboxPage {
  private constructor(
    readonly page: Page,
    readonly options: OptionsPage,
  ) {}

  static async open(context: BrowserContext, extensionId: string): Promise<OutboxPage> {
    const options = await OptionsPage.open(context, extensionId);
    return new OutboxPage(options.page, options);
  }

  private section() {
    return this.page.getByRole('region', { name: 'Outbox to X' });
  }

  /** Asks the bridge to look at StatusNet now (this also wakes a stopped worker). */
  async checkNow(): Promise<void> {
    const status = this.section().getByRole('status');
    await this.section().getByRole('button', { name: 'Check StatusNet now' }).click();
    await status.filter({ hasText: /queued|Nothing new/ }).waitFor();
  }

  entries() {
    return this.section().getByRole('list', { name: 'Outbox' });
  }

  /** An entry, by what it does ("Post: hello", "Repost of a post on X"...). */
  entry(description: string | RegExp) {
    return this.entries().getByRole('listitem', { name: description });
  }

  async retry(description: string | RegExp): Promise<void> {
    await this.entry(description)
      .getByRole('button', { name: /^Retry / })
      .click();
  }

  async skip(description: string | RegExp): Promise<void> {
    await this.entry(description)
      .getByRole('button', { name: /^Skip / })
      .click();
  }

  /** The notice that the whole outbox is paused (absent when it is not). */
  pause() {
    return this.section().getByRole('alert');
  }

  async resume(): Promise<void> {
    await this.section().getByRole('button', { name: 'Resume sending' }).click();
  }

  activityLog() {
    return this.options.activityLog();
  }

  /**
   * Stops the extension's service worker, as Chrome does when it idles (DevTools protocol: a
   * session on an extension page reaches the extension's workers). The next event restarts it.
   */
  async stopWorker(): Promise<void> {
    const session = await this.page.context().newCDPSession(this.page);
    await session.send('ServiceWorker.enable');
    await session.send('ServiceWorker.stopAllWorkers');
    await session.detach();
  }
}
