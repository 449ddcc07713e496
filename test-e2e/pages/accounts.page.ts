import type { BrowserContext, Locator, Page } from '@playwright/test';
import { MirrorSettingsPanel, RelayPanel } from './accounts-settings.page.ts';

/** One StatusNet account panel ("StatusNet account" or "Import account") of the options page. */
export class StatusNetAccountPanel {
  constructor(readonly region: Locator) {}

  server = () => this.region.getByLabel('Server');
  username = () => this.region.getByLabel('Username');
  password = () => this.region.getByLabel('Password', { exact: true });
  consumerKey = () => this.region.getByLabel('Consumer key');
  consumerSecret = () => this.region.getByLabel('Consumer secret');
  connectButton = () => this.region.getByRole('button', { name: 'Connect', exact: true });
  /** "Connected as alice (...) on host", once connected. */
  connection = () => this.region.getByText(/^Connected as/);
  /** An error about the form as a whole (not about one field). */
  formError = () => this.region.getByRole('alert');
  privacyWarning = () => this.region.getByText(/stream is public/);

  async connectWithPassword(server: string, username: string, password: string): Promise<void> {
    await this.server().fill(server);
    await this.region.getByRole('radio', { name: 'User name and password' }).check();
    await this.username().fill(username);
    await this.password().fill(password);
    await this.connectButton().click();
  }

  /** Fills the OAuth form and clicks Connect; the site's consent window opens next. */
  async startOAuth(server: string, consumerKey: string, consumerSecret: string): Promise<void> {
    await this.server().fill(server);
    await this.region.getByRole('radio', { name: /OAuth/ }).check();
    await this.consumerKey().fill(consumerKey);
    await this.consumerSecret().fill(consumerSecret);
    await this.connectButton().click();
  }

  checkAgain = () => this.region.getByRole('button', { name: 'Check again' }).click();
  disconnect = () => this.region.getByRole('button', { name: 'Disconnect' }).click();
}

/** The X account panel, with its Advanced settings. */
export class XAccountPanel {
  constructor(readonly region: Locator) {}

  connectButton = () => this.region.getByRole('button', { name: 'Connect X account' });
  checkButton = () => this.region.getByRole('button', { name: 'Check connection' });
  disconnectButton = () => this.region.getByRole('button', { name: 'Disconnect' });
  /** "Connected as @user (Name).", once connected. */
  connection = () => this.region.getByRole('status', { name: 'X connection' });
  tokenState = () => this.region.getByText(/^Access token|X refused to renew/);
  notConnected = () => this.region.getByText(/^Not connected/);
  /** What the last button did: a confirmation, or an error (role alert). */
  message = () => this.region.getByRole('status', { name: 'X account result' });
  error = () => this.region.getByRole('alert', { name: 'X account result' });

  async configure(values: { clientId?: string; apiBase?: string; authorizeUrl?: string }) {
    const details = this.region.locator('details', { hasText: 'Advanced' });
    if (!(await details.evaluate((el) => (el as HTMLDetailsElement).open))) {
      await this.region.getByText('Advanced', { exact: true }).click();
    }
    if (values.clientId !== undefined)
      await this.region.getByLabel('X client id').fill(values.clientId);
    if (values.apiBase !== undefined) {
      await this.region.getByLabel('X API base URL').fill(values.apiBase);
    }
    if (values.authorizeUrl !== undefined) {
      await this.region.getByLabel('X authorize URL').fill(values.authorizeUrl);
    }
    await this.region.getByRole('button', { name: 'Save X settings' }).click();
  }

  savedAdvanced = () =>
    this.region.getByRole('form', { name: 'Advanced X settings' }).getByRole('status');
}

/** The options page's setup sections, by the headings and labels a user sees. */
export class AccountsPage {
  private constructor(readonly page: Page) {}

  static async open(context: BrowserContext, extensionId: string): Promise<AccountsPage> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/extension/options/index.html`);
    return new AccountsPage(page);
  }

  private region(name: string) {
    return this.page.getByRole('region', { name, exact: true });
  }

  statusNet = () => new StatusNetAccountPanel(this.region('StatusNet account'));
  importAccount = () => new StatusNetAccountPanel(this.region('Import account'));
  x = () => new XAccountPanel(this.region('X account'));
  mirror = () => new MirrorSettingsPanel(this.region('What to mirror'));
  relay = () => new RelayPanel(this.region('Relay'));
  health = () => this.region('Activity and health');
  activityLog = () => this.page.getByRole('list', { name: 'Activity log' });

  async reload(): Promise<void> {
    await this.page.reload();
  }
}
