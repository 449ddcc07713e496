import type { BrowserContext, Page } from '@playwright/test';
import { nudgeExport } from '../fixtures/export-nudge.ts';
import { OptionsPage } from './options.page.ts';

/** The import parts of the options page: the import queue, its buttons, the relay link. */
export class ImportPage {
  private constructor(
    readonly page: Page,
    readonly options: OptionsPage,
  ) {}

  static async open(context: BrowserContext, extensionId: string): Promise<ImportPage> {
    const options = await OptionsPage.open(context, extensionId);
    return new ImportPage(options.page, options);
  }

  /** Asks the export to look at StatusNet now, as the content script does after the user acts. */
  async syncExport(): Promise<void> {
    await nudgeExport(this.page);
  }

  private section() {
    return this.page.getByRole('region', { name: 'Import queue' });
  }

  /** The list of posts not yet in StatusNet (absent when there are none). */
  backlog() {
    return this.section().getByRole('list', { name: 'Import backlog' });
  }

  /** The line that says every received post is in StatusNet. */
  emptyBacklog() {
    return this.section().getByText('Every post received from X is in StatusNet.');
  }

  item(postId: string) {
    // Each item is labelled with its author and post id.
    return this.backlog().getByRole('listitem', { name: new RegExp(`\\b${postId}$`) });
  }

  async retry(postId: string): Promise<void> {
    await this.item(postId).getByRole('button', { name: 'Retry' }).click();
  }

  async skip(postId: string): Promise<void> {
    await this.item(postId).getByRole('button', { name: 'Skip' }).click();
  }

  /** Asks the background to reconnect to the relay now (this also wakes a stopped worker). */
  async reconnect(): Promise<void> {
    await this.section().getByRole('button', { name: 'Reconnect to the relay' }).click();
    await this.section().getByRole('status').filter({ hasText: 'Reconnecting.' }).waitFor();
  }

  /** The relay link's state as the health section shows it. */
  relayLink() {
    return this.page
      .getByRole('region', { name: 'Activity and health' })
      .getByRole('status', { name: 'Relay link' });
  }

  activityLog() {
    return this.options.activityLog();
  }
}
