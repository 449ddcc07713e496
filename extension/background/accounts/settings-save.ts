import browser from 'webextension-polyfill';
import type { Db } from '../../shared/db.ts';
import { saveSettings, settingsSchema, type Settings } from '../../shared/settings.ts';
import { UserFacingError } from '../router.ts';
import { originPattern } from './site-url.ts';

/** X's own API: its host permission is in the manifest, so it is never asked for. */
const BUILT_IN_ORIGINS = new Set(['https://api.x.com', 'https://upload.x.com']);

/**
 * Checks and stores the settings the options page sends. Each problem comes back beside its
 * field (`relay.url`, `x.apiBase`, ...); nothing is saved while one remains. Addresses the
 * bridge will call must have been granted by the user (the page asks when they save).
 */
export async function saveSettingsChecked(db: Db, input: unknown): Promise<Settings> {
  const parsed = settingsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserFacingError(
      issue?.message ?? 'These settings cannot be saved.',
      issue?.path.join('.'),
    );
  }
  const settings = parsed.data;

  if (settings.relay.url) {
    const relay = new URL(settings.relay.url);
    if (relay.protocol !== 'https:' && relay.protocol !== 'http:') {
      throw new UserFacingError(
        "Enter the relay's https:// (or http://) address; the bridge derives its WebSocket from it.",
        'relay.url',
      );
    }
    await requireOrigin(relay.origin, 'relay.url');
  }
  for (const field of ['apiBase', 'authorizeUrl'] as const) {
    const url = new URL(settings.x[field]);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new UserFacingError('Enter an https:// (or http://) address.', `x.${field}`);
    }
  }
  const xOrigin = new URL(settings.x.apiBase).origin;
  if (!BUILT_IN_ORIGINS.has(xOrigin)) await requireOrigin(xOrigin, 'x.apiBase');

  return saveSettings(db, settings);
}

async function requireOrigin(origin: string, field: string): Promise<void> {
  if (await browser.permissions.contains({ origins: [originPattern(origin)] })) return;
  throw new UserFacingError(
    `The bridge may not reach ${origin}: save again and allow access when the browser asks.`,
    field,
  );
}
