import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { RunningGnuSocialEmulator, User } from '../emulators/gnusocial/index.ts';
import type { RunningXEmulator } from '../emulators/x/index.ts';
import { chromiumArgs, chromiumPath } from '../test-e2e/fixtures/chromium.ts';
import { writeRecords } from '../test-e2e/fixtures/extension-db.ts';
import { xAccountFor } from '../extension/background/testing/x-account.ts';
import { grantHostPermission } from '../test-e2e/fixtures/host-permissions.ts';

/**
 * The built extension (dist/chrome) in headless Chromium, set up as a user would have it: the
 * loopback host permission granted and active, the StatusNet account, the import account and
 * the X account stored, import on through the relay at `relayUrl`. The browser also opens a
 * debugging port, so that bench/cdp.ts can reach the service worker.
 */
export async function launchBridge(world: {
  x: RunningXEmulator;
  gs: RunningGnuSocialEmulator;
  relayUrl: string;
  xUserId: string;
  user: User;
  importAccount: User;
}) {
  const profileDir = mkdtempSync(join(tmpdir(), 'bench-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    headless: true,
    // A debugging port besides Playwright's pipe: CDP on the service worker (bench/cdp.ts).
    args: [...chromiumArgs(resolve('dist/chrome')), '--remote-debugging-port=0'],
  });
  const close = async () => {
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
  };

  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    await grantHostPermission(context, extensionId, 'http://127.0.0.1');
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/extension/options/index.html`);
    // The granted permission becomes active when the extension asks for it, as in real use.
    await page.evaluate(() => {
      const { chrome } = globalThis as unknown as {
        chrome: { permissions: { request(r: { origins: string[] }): Promise<boolean> } };
      };
      return chrome.permissions.request({ origins: ['http://127.0.0.1/*'] });
    });
    await writeRecords(page, records(world), ['accounts', 'settings']);
    return { extensionId, profileDir, page, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The accounts and settings, as the options page would store them. */
function records(world: Parameters<typeof launchBridge>[0]) {
  const { x, gs } = world;
  const account = (u: User, role: 'statusnet' | 'import') => ({
    role,
    apiBase: `${gs.url}/api`,
    auth: { kind: 'basic', username: u.nickname, password: u.password },
    userId: u.id,
    screenName: u.nickname,
    name: u.fullname,
    profileUrl: `${gs.url}/${u.nickname}`,
    protected: u.protected,
    textLimit: gs.state.settings.textLimit,
    connectedAt: Date.now(),
  });
  // The caller created this user on the emulator.
  const me = x.state.users.get(world.xUserId)!;
  const token = x.mintToken(me.id);
  const xAccount = xAccountFor(me, token);
  const settings = {
    x: { apiBase: x.url },
    relay: { url: world.relayUrl, admissionCode: '' },
    import: { enabled: true, catchUpHours: 24 },
  };
  return [
    { store: 'accounts', value: account(world.user, 'statusnet') },
    { store: 'accounts', value: account(world.importAccount, 'import') },
    { store: 'accounts', value: xAccount },
    { store: 'kv', key: 'settings', value: settings },
  ];
}
