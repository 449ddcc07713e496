import { z } from 'zod';
import type { Db } from './db.ts';
import { notifyChanged } from './changes.ts';

/**
 * The X app the bridge authorises as. An operator shipping their own build sets theirs here;
 * users can override it on the options page.
 */
export const DEFAULT_X_CLIENT_ID = 'statusnet-x-bridge';

/** What the bridge mirrors and where it talks, as the options page edits it. */
export const settingsSchema = z.object({
  export: z
    .object({
      notices: z.boolean().default(true),
      /** `bridged`: only replies to notices that are linked to an X post (TwitterBridge's default). */
      replies: z.enum(['all', 'bridged', 'none']).default('bridged'),
      repeats: z.boolean().default(true),
      favorites: z.boolean().default(true),
      deletes: z.boolean().default(true),
      optOutTag: z.string().trim().max(64).default('#notx'),
      /** Only notices carrying `optInTag` go out. */
      optInMode: z.boolean().default(false),
      optInTag: z.string().trim().max(64).default('#x'),
      /** When X refuses an API reply (2026 policy), post it as a new post linking its parent. */
      replyFallback: z.boolean().default(true),
      /** Default of the "also post to X" switch the content script adds to the notice form. */
      composerDefault: z.boolean().default(true),
    })
    .prefault({}),
  import: z
    .object({
      enabled: z.boolean().default(true),
      /** After the browser was closed, posts older than this are left out (and logged). */
      catchUpHours: z
        .number()
        .int()
        .min(0)
        .max(24 * 14)
        .default(24),
    })
    .prefault({}),
  x: z
    .object({
      clientId: z.string().trim().min(1).default(DEFAULT_X_CLIENT_ID),
      apiBase: z.url().default('https://api.x.com'),
      authorizeUrl: z.url().default('https://x.com/i/oauth2/authorize'),
    })
    .prefault({}),
  relay: z
    .object({
      url: z.union([z.url(), z.literal('')]).default(''),
      admissionCode: z.string().trim().max(200).default(''),
    })
    .prefault({}),
});
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings = (): Settings => settingsSchema.parse({});

/** The stored settings, with defaults for anything missing (or unreadable from an old version). */
export async function loadSettings(db: Db): Promise<Settings> {
  const parsed = settingsSchema.safeParse(await db.get('kv', 'settings'));
  return parsed.success ? parsed.data : defaultSettings();
}

/** Validates and stores settings; throws the schema's error, saving nothing, when invalid. */
export async function saveSettings(db: Db, settings: unknown): Promise<Settings> {
  const valid = settingsSchema.parse(settings);
  await db.put('kv', valid, 'settings');
  notifyChanged('settings');
  return valid;
}
