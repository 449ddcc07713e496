import { z } from 'zod';

/**
 * What the watcher remembers between polls (kv `exportWatcher`). It is written in the same
 * transaction as the outbox entries a poll creates, so a worker dying mid-poll either did the
 * whole poll or none of it: nothing is lost, nothing sent twice.
 */
export const watcherStateSchema = z.object({
  /** The StatusNet user this state belongs to; another account starts afresh. */
  userId: z.number().int(),
  /** The newest notice id seen: everything after it is new. */
  sinceId: z.number().int(),
  /** The user's newest notice ids, newest first: a notice missing from here was deleted. */
  recent: z.array(z.number().int()),
  /** The ids of the user's newest favourites, as last seen. */
  favorites: z.array(z.number().int()),
  /** Whether the site lets timelines be read without credentials (cheaper for it). */
  anonymous: z.object({
    timeline: z.boolean(),
    favorites: z.boolean(),
    /** When a refused anonymous read was last tried; it is tried again once a day. */
    checkedAt: z.number(),
  }),
});
export type WatcherState = z.infer<typeof watcherStateSchema>;

export const WATCHER_KEY = 'exportWatcher';

export function parseWatcherState(value: unknown): WatcherState | undefined {
  const parsed = watcherStateSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
