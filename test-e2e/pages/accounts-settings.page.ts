import type { Locator } from '@playwright/test';

/** "What to mirror": the export choices and the import switch, each form with its Save. */
export class MirrorSettingsPanel {
  constructor(readonly region: Locator) {}

  replies = () => this.region.getByLabel('Replies');
  favourites = () => this.region.getByLabel('Favourites, as likes');
  optOutTag = () => this.region.getByLabel('Opt-out tag');
  optInMode = () => this.region.getByLabel('Only post notices that carry the opt-in tag');
  optInTag = () => this.region.getByLabel('Opt-in tag');
  importEnabled = () => this.region.getByLabel('Import the posts of the accounts I follow on X');
  catchUpHours = () => this.region.getByLabel('Catch up after the browser was closed (hours)');

  private exportForm = () => this.region.getByRole('form', { name: 'From StatusNet to X' });
  private importForm = () => this.region.getByRole('form', { name: 'From X to StatusNet' });

  async saveExport(): Promise<void> {
    await this.region.getByRole('button', { name: 'Save what to mirror' }).click();
  }
  exportSaved = () => this.exportForm().getByRole('status');

  async saveImport(): Promise<void> {
    await this.region.getByRole('button', { name: 'Save import settings' }).click();
  }
  importSaved = () => this.importForm().getByRole('status');
}

/** "Relay": its address, the admission code, and the state of the link. */
export class RelayPanel {
  constructor(readonly region: Locator) {}

  url = () => this.region.getByLabel('Relay URL');
  admissionCode = () => this.region.getByLabel('Admission code (optional)');
  link = () => this.region.getByRole('status', { name: 'Relay link' });
  saved = () => this.region.getByRole('form').getByRole('status');

  async save(url: string, admissionCode = ''): Promise<void> {
    await this.url().fill(url);
    await this.admissionCode().fill(admissionCode);
    await this.region.getByRole('button', { name: 'Save relay' }).click();
  }
}
