import { createServer } from 'node:net';
import { DEMO_USER } from '../emulators/x/index.ts';
import {
  editStored,
  fireAlarm,
  registerConsumer,
  toolbarBadge,
  updateSiteUser,
} from './fixtures/accounts-world.ts';
import { expect, test, type World } from './fixtures/world.fixture.ts';
import { startRelayProcess } from './fixtures/relay-process.ts';
import { recordRequests } from './fixtures/request-recorder.ts';
import { ConsentWindow } from './pages/accounts-consent.page.ts';
import { AccountsPage, type XAccountPanel } from './pages/accounts.page.ts';

/*
 * The options page's setup path against both emulators: connecting the three accounts, the
 * ways that fails, X's token life, settings across a restart, and where credentials travel.
 * TODO [2027-01-01]: Chromium only; Playwright cannot drive stock Firefox here, so the Firefox
 * build's identity redirect (extensions.allizom.org) is checked by hand until it can.
 */

interface StoredXTokens {
  accessToken: string;
  refreshToken: string;
}

/** A loopback port nothing listens on: connecting to it is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Points the bridge at the X emulator through the Advanced settings, as an operator would. */
async function useXEmulator(x: XAccountPanel, world: World): Promise<void> {
  await x.configure({
    clientId: world.x.clientId,
    apiBase: world.x.url,
    authorizeUrl: `${world.x.url}/i/oauth2/authorize`,
  });
  await expect(x.savedAdvanced()).toHaveText('Saved.');
}

const tokenRequests = (world: World) =>
  world.x.journal.entries().filter((e) => e.method === 'POST' && e.path === '/2/oauth2/token');

test('connects the StatusNet account with a password and shows who it is', async ({
  extension,
  world,
}) => {
  const options = await AccountsPage.open(extension.context, extension.extensionId);
  const statusNet = options.statusNet();

  await statusNet.connectWithPassword(world.gnusocial.url, 'alice', 'alicepass123');

  await expect(statusNet.connection()).toContainText('Connected as alice');
  await expect(statusNet.connection()).toContainText('signed in with a password');
  await expect(options.activityLog()).toContainText('Connected the StatusNet account @alice');

  await statusNet.disconnect();
  await expect(statusNet.server()).toBeVisible();
  expect(
    await editStored(await extension.serviceWorker(), 'accounts', 'statusnet'),
  ).toBeUndefined();
});

test('a wrong password is refused beside the password field, and nothing is saved', async ({
  extension,
  world,
}) => {
  const options = await AccountsPage.open(extension.context, extension.extensionId);
  const statusNet = options.statusNet();

  await statusNet.connectWithPassword(world.gnusocial.url, 'alice', 'wrong');

  await expect(statusNet.password()).toHaveAttribute('aria-invalid', 'true');
  await expect(statusNet.password()).toHaveAccessibleDescription(/Could not authenticate you/);
  await options.reload();
  await expect(options.statusNet().server()).toBeVisible();
  await expect(options.statusNet().connection()).toHaveCount(0);
});

test('an unreachable server, and an address that is no StatusNet API, are named beside the server field', async ({
  extension,
  world,
}) => {
  const options = await AccountsPage.open(extension.context, extension.extensionId);
  const statusNet = options.statusNet();

  await statusNet.connectWithPassword(`http://127.0.0.1:${await closedPort()}`, 'alice', 'x');
  await expect(statusNet.server()).toHaveAccessibleDescription(/could not be reached/);

  await statusNet.connectWithPassword(world.x.url, 'alice', 'x');
  await expect(statusNet.server()).toHaveAccessibleDescription(
    /No StatusNet \/ GNU social API answered/,
  );
  await expect(statusNet.connection()).toHaveCount(0);
});

test('connects the import account through the site’s OAuth consent, and warns until its stream is private', async ({
  extension,
  world,
}) => {
  const consumer = await registerConsumer(world.gnusocial);
  const options = await AccountsPage.open(extension.context, extension.extensionId);
  const importAccount = options.importAccount();

  const consent = await ConsentWindow.after(extension.context, () =>
    importAccount.startOAuth(`${world.gnusocial.url}/api`, consumer.key, consumer.secret),
  );
  await consent.allowOnStatusNet('bob', 'bobpass123');

  await expect(importAccount.connection()).toContainText('Connected as bob');
  await expect(importAccount.connection()).toContainText('signed in with OAuth');
  await expect(importAccount.privacyWarning()).toContainText(
    "Make the import account's stream private in its settings",
  );

  await updateSiteUser(world.gnusocial, 'bob', { protected: true });
  await importAccount.checkAgain();
  await expect(importAccount.privacyWarning()).toHaveCount(0);
});

test('connects X through its consent window, refreshes the token before it expires, and revokes it on disconnect', async ({
  extension,
  world,
}) => {
  const options = await AccountsPage.open(extension.context, extension.extensionId);
  const x = options.x();
  await useXEmulator(x, world);

  const consent = await ConsentWindow.after(extension.context, () => x.connectButton().click());
  await consent.authorizeOnX();

  await expect(x.connection()).toContainText('Connected as @demo_user');
  await expect(x.tokenState()).toContainText('renewed by itself');
  expect(tokenRequests(world)).toHaveLength(1);

  // Two minutes from expiry when the refresh alarm fires: X is asked once, with the refresh token.
  const worker = await extension.serviceWorker();
  const before = await editStored<StoredXTokens>(worker, 'accounts', 'x', {
    expiresAt: Date.now() + 2 * 60_000,
  });
  await fireAlarm(worker, 'accounts/x-token-refresh');
  await expect.poll(() => tokenRequests(world).length).toBe(2);
  const after = () => editStored<StoredXTokens>(worker, 'accounts', 'x');
  await expect.poll(async () => (await after())?.refreshToken).not.toBe(before?.refreshToken);

  await expect(x.connection()).toContainText('Connected as @demo_user');
  await x.checkButton().click();
  await expect(x.message()).toContainText('X confirms the bridge acts as @demo_user');
  expect(tokenRequests(world)).toHaveLength(2);

  const stored = await after();
  await x.disconnectButton().click();
  await expect(x.message()).toContainText('X revoked the bridge’s access');
  await expect(x.notConnected()).toBeVisible();
  const me = await fetch(`${world.x.url}/2/users/me`, {
    headers: { authorization: `Bearer ${stored!.accessToken}` },
  });
  expect(me.status).toBe(401);
  expect(await after()).toBeUndefined();
});

test('X refusals, at consent or at the token exchange, are said beside the X account, and nothing is stored', async ({
  extension,
  world,
}) => {
  const options = await AccountsPage.open(extension.context, extension.extensionId);
  const x = options.x();

  const declined = await ConsentWindow.after(extension.context, () => x.connectButton().click());
  await declined.cancelOnX();
  await expect(x.error()).toContainText('X did not grant access');
  expect(tokenRequests(world)).toHaveLength(0);

  world.x.faults.add({
    pathPrefix: '/2/oauth2/token',
    status: 400,
    body: { error: 'invalid_request', error_description: 'Value passed for the code was invalid.' },
    count: 1,
  });
  const approved = await ConsentWindow.after(extension.context, () => x.connectButton().click());
  await approved.authorizeOnX();
  await expect(x.error()).toContainText(
    'X refused the token request: Value passed for the code was invalid.',
  );

  await expect(x.notConnected()).toBeVisible();
  expect(await editStored(await extension.serviceWorker(), 'accounts', 'x')).toBeUndefined();
});

test('a refused refresh asks the user to reconnect X, on the page and on the toolbar badge', async ({
  extension,
  world,
}) => {
  await world.connectX(DEMO_USER.id, { expiresInSeconds: 60 });
  const options = await AccountsPage.open(extension.context, extension.extensionId);
  const x = options.x();
  await expect(x.connection()).toContainText('Connected as @demo_user');
  const worker = await extension.serviceWorker();
  expect((await toolbarBadge(worker)).text).toBe('');

  world.x.faults.add({
    pathPrefix: '/2/oauth2/token',
    status: 400,
    body: {
      error: 'invalid_request',
      error_description: 'Value passed for the token was invalid.',
    },
  });
  await fireAlarm(worker, 'accounts/x-token-refresh');

  await expect(x.tokenState()).toContainText("X refused to renew the bridge's access");
  await expect(x.connectButton()).toBeVisible();
  await expect(options.activityLog()).toContainText('Value passed for the token was invalid');
  await expect
    .poll(() => toolbarBadge(worker))
    .toEqual({
      text: '!',
      title: 'StatusNet–X Bridge: reconnect your X account on the options page',
    });
  expect(tokenRequests(world)).toHaveLength(1); // refused once, never tried again
});

test('accounts and settings survive a browser restart', async ({ extension, world }) => {
  let options = await AccountsPage.open(extension.context, extension.extensionId);
  await options.statusNet().connectWithPassword(world.gnusocial.url, 'alice', 'alicepass123');
  await expect(options.statusNet().connection()).toContainText('Connected as alice');

  const mirror = options.mirror();
  await mirror.replies().selectOption({ label: 'No replies' });
  await mirror.favourites().uncheck();
  await mirror.optOutTag().fill('#private');
  await mirror.saveExport();
  await expect(mirror.exportSaved()).toHaveText('Saved.');
  await mirror.catchUpHours().fill('48');
  await mirror.saveImport();
  await expect(mirror.importSaved()).toHaveText('Saved.');
  const relayUrl = `http://127.0.0.1:${await closedPort()}`;
  await options.relay().save(relayUrl, 'let-me-in');
  await expect(options.relay().saved()).toHaveText('Saved.');

  await extension.restart();

  options = await AccountsPage.open(extension.context, extension.extensionId);
  await expect(options.statusNet().connection()).toContainText('Connected as alice');
  await expect(options.mirror().replies()).toHaveValue('none');
  await expect(options.mirror().favourites()).not.toBeChecked();
  await expect(options.mirror().optOutTag()).toHaveValue('#private');
  await expect(options.mirror().catchUpHours()).toHaveValue('48');
  await expect(options.relay().url()).toHaveValue(relayUrl);
  await expect(options.relay().admissionCode()).toHaveValue('let-me-in');
});

test('bad settings are refused beside their field, and nothing is saved', async ({ extension }) => {
  const options = await AccountsPage.open(extension.context, extension.extensionId);
  const mirror = options.mirror();

  await mirror.optOutTag().fill('two words');
  await mirror.saveExport();
  await expect(mirror.optOutTag()).toHaveAccessibleDescription(/A tag is one word/);
  await options.relay().save('not a url');
  await expect(options.relay().url()).toHaveAccessibleDescription(/Enter the relay's address/);

  await options.reload();
  await expect(options.mirror().optOutTag()).toHaveValue('#notx');
  await expect(options.relay().url()).toHaveValue('');
});

test('credentials go only to their own service: never to X, the relay or another site', async ({
  extension,
  world,
}) => {
  const relay = await startRelayProcess({
    xApiBase: world.x.url,
    bearerToken: world.x.bearerToken,
  });
  try {
    const recorder = recordRequests(extension.context);
    const consumer = await registerConsumer(world.gnusocial);
    const options = await AccountsPage.open(extension.context, extension.extensionId);

    // A password (HTTP Basic) for the user's account, OAuth 1.0a for the import account.
    await options.statusNet().connectWithPassword(world.gnusocial.url, 'alice', 'alicepass123');
    await expect(options.statusNet().connection()).toContainText('Connected as alice');
    const siteConsent = await ConsentWindow.after(extension.context, () =>
      options.importAccount().startOAuth(world.gnusocial.url, consumer.key, consumer.secret),
    );
    await siteConsent.allowOnStatusNet('bob', 'bobpass123');
    await expect(options.importAccount().connection()).toContainText('Connected as bob');

    // X connected, its token used, refreshed (rotated) and used again.
    const x = options.x();
    const xConsent = await ConsentWindow.after(extension.context, () => x.connectButton().click());
    await xConsent.authorizeOnX();
    await expect(x.connection()).toContainText('Connected as @demo_user');
    const worker = await extension.serviceWorker();
    const first = await editStored<StoredXTokens>(worker, 'accounts', 'x', { expiresAt: 0 });
    await x.checkButton().click();
    await expect(x.message()).toContainText('X confirms');
    const second = await editStored<StoredXTokens>(worker, 'accounts', 'x');

    // The relay registered and linked: followed ids go there, nothing else.
    await options.relay().save(relay.url);
    await expect(options.relay().link()).toContainText('Connected');

    const imported = await editStored<{ auth: { token: string } }>(worker, 'accounts', 'import');
    const statusNetSecrets = [
      'alicepass123',
      Buffer.from('alice:alicepass123').toString('base64'),
      'bobpass123',
      consumer.secret,
      imported!.auth.token,
    ];
    const xSecrets = [first, second].flatMap((tokens) => [
      tokens!.accessToken,
      tokens!.refreshToken,
    ]);
    expect(new Set(xSecrets).size).toBe(4);

    const requests = await recorder.requests();
    const siteOrigin = new URL(world.gnusocial.url).origin;
    const xOrigin = new URL(world.x.url).origin;
    // The recording holds the worker's own calls, or checking it would prove nothing.
    expect(requests.some((r) => r.url.endsWith('/api/account/verify_credentials.json'))).toBe(true);
    expect(requests.some((r) => r.url.endsWith('/2/users/me'))).toBe(true);
    expect(requests.some((r) => r.origin === new URL(relay.url).origin)).toBe(true);
    for (const request of requests) {
      if (request.origin !== siteOrigin) {
        for (const secret of statusNetSecrets) {
          expect(request.text, request.url).not.toContain(secret);
        }
        expect(request.text, request.url).not.toMatch(/^(Basic|OAuth) /m);
      }
      if (request.origin !== xOrigin) {
        for (const secret of xSecrets) expect(request.text, request.url).not.toContain(secret);
      }
    }

    // And as the services saw it: no Bearer at the StatusNet site, no Basic or OAuth at X.
    const schemes = (entries: readonly { authScheme: string | undefined }[]) => [
      ...new Set(entries.map((e) => e.authScheme).filter(Boolean)),
    ];
    expect(schemes(world.gnusocial.journal.entries()).sort()).toEqual(['Basic', 'OAuth']);
    expect(schemes(world.x.journal.entries())).toEqual(['Bearer']);
  } finally {
    await relay.stop();
  }
});
