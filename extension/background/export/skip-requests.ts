import { z } from 'zod';
import type { Db } from '../../shared/db.ts';
import { comparableText } from './reconcile.ts';

/**
 * Texts the user wrote with the composer's "Also post to X" switch off (kv `exportSkips`). The
 * content script cannot mark the notice itself (it has no id until the site answers), so it
 * hands over the text, and the watcher keeps the next notice with that text off X.
 */
const skipsSchema = z.array(z.object({ text: z.string(), until: z.number() }));
export type SkipRequests = z.infer<typeof skipsSchema>;

export const SKIPS_KEY = 'exportSkips';

export function parseSkips(value: unknown, now: number): SkipRequests {
  const parsed = skipsSchema.safeParse(value);
  return parsed.success ? parsed.data.filter((skip) => skip.until > now) : [];
}

/** Remembers that the next notice with this text is not for X. */
export async function requestSkip(db: Db, text: string, ttlMs: number): Promise<void> {
  const now = Date.now();
  const tx = db.transaction('kv', 'readwrite');
  const skips = parseSkips(await tx.store.get(SKIPS_KEY), now);
  skips.push({ text: comparableText(text), until: now + ttlMs });
  // A handful at most are ever waiting; the cap keeps a runaway page from filling storage.
  await tx.store.put(skips.slice(-50), SKIPS_KEY);
  await tx.done;
}

/**
 * Whether a notice's text was asked to stay off X; the request is used up (removed from
 * `skips`) so that a later notice with the same words is exported as usual.
 */
export function takeSkip(skips: SkipRequests, noticeText: string): boolean {
  const text = comparableText(noticeText);
  const index = skips.findIndex((skip) => skip.text === text);
  if (index < 0) return false;
  skips.splice(index, 1);
  return true;
}
