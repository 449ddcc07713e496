import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openBridgeDb, type Db } from '../../shared/db.ts';
import { defaultSettings, loadSettings, type Settings } from '../../shared/settings.ts';
import { saveSettingsChecked } from './settings-save.ts';

/** Origins the user allowed; the rest would need the permission prompt. */
const granted = new Set<string>();
vi.mock('webextension-polyfill', () => ({
  default: {
    permissions: {
      contains: async ({ origins }: { origins: string[] }) => origins.every((o) => granted.has(o)),
    },
  },
}));

let db: Db;
beforeEach(async () => {
  granted.clear();
  db = await openBridgeDb(`settings-${Math.random()}`);
});
afterEach(() => db.close());

const withRelay = (url: string): Settings => ({
  ...defaultSettings(),
  relay: { url, admissionCode: '' },
});

describe('saveSettingsChecked', () => {
  it('stores valid settings', async () => {
    granted.add('https://relay.example/*');
    await saveSettingsChecked(db, withRelay('https://relay.example'));
    expect((await loadSettings(db)).relay.url).toBe('https://relay.example');
  });

  it('needs the relay’s origin allowed, and says so beside the relay URL', async () => {
    await expect(saveSettingsChecked(db, withRelay('https://relay.example'))).rejects.toMatchObject(
      {
        field: 'relay.url',
        message: expect.stringMatching(/may not reach https:\/\/relay\.example/),
      },
    );
    expect((await loadSettings(db)).relay.url).toBe('');
  });

  it('refuses a relay address that is no http(s) URL', async () => {
    await expect(saveSettingsChecked(db, withRelay('ws://relay.example'))).rejects.toMatchObject({
      field: 'relay.url',
    });
  });

  it('places a schema error at its path, and saves nothing', async () => {
    const bad = { ...defaultSettings(), import: { enabled: true, catchUpHours: -1 } };
    await expect(saveSettingsChecked(db, bad)).rejects.toMatchObject({
      field: 'import.catchUpHours',
    });
    expect(await db.get('kv', 'settings')).toBeUndefined();
  });

  it('asks for nothing for X’s own API, but needs an emulator’s origin allowed', async () => {
    await saveSettingsChecked(db, defaultSettings());
    const local = defaultSettings();
    local.x.apiBase = 'http://127.0.0.1:4100';
    await expect(saveSettingsChecked(db, local)).rejects.toMatchObject({ field: 'x.apiBase' });
    granted.add('http://127.0.0.1:4100/*');
    await expect(saveSettingsChecked(db, local)).resolves.toMatchObject({
      x: { apiBase: 'http://127.0.0.1:4100' },
    });
  });
});
