import { z } from 'zod';
import type { Db } from '../../shared/db.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The export's timings and window sizes (kv `exportTuning`). The defaults suit real services;
 * tests store shorter ones to let an hour of backoff pass in seconds, through the same code.
 */
export const tuningSchema = z.object({
  /** How often StatusNet is polled without a nudge. Chrome runs alarms at most every 30 s. */
  pollMinutes: z.number().min(0.05).default(1),
  /** First retry delay after a server or network failure; doubles with every attempt. */
  backoffBaseMs: z.number().int().min(1).default(30_000),
  /** Longest wait between two attempts. */
  backoffMaxMs: z
    .number()
    .int()
    .min(1)
    .default(6 * HOUR),
  /** An entry that keeps failing for a retryable reason is given up this long after it was made. */
  giveUpAfterMs: z
    .number()
    .int()
    .min(1)
    .default(7 * DAY),
  /** The wait after a 429 that carries no `x-rate-limit-reset`. */
  rateLimitFallbackMs: z
    .number()
    .int()
    .min(1)
    .default(15 * MINUTE),
  /** After a 402, one entry is tried again this often, in case credits were topped up. */
  creditsProbeMs: z.number().int().min(1).default(HOUR),
  /** A post found on X this long before its attempt began still counts as that attempt's. */
  reconcileSlackMs: z
    .number()
    .int()
    .min(0)
    .default(10 * MINUTE),
  /** How many of the user's newest notices are watched for deletes. */
  recentWindow: z.number().int().min(1).max(200).default(40),
  /** How many of the newest favourites are compared between polls. */
  favoritesWindow: z.number().int().min(1).max(200).default(40),
  /** How long a "do not post this to X" from the composer waits for its notice. */
  skipTextTtlMs: z
    .number()
    .int()
    .min(1)
    .default(10 * MINUTE),
  /** After a nudge that found nothing yet, poll again after these delays (the site may lag). */
  nudgeRepollMs: z.array(z.number().int().min(0)).max(5).default([1_500, 5_000]),
});
export type Tuning = z.infer<typeof tuningSchema>;

export const TUNING_KEY = 'exportTuning';

/** The stored tuning, with defaults for whatever is missing or unreadable. */
export async function loadTuning(db: Db): Promise<Tuning> {
  const parsed = tuningSchema.safeParse((await db.get('kv', TUNING_KEY)) ?? {});
  return parsed.success ? parsed.data : tuningSchema.parse({});
}
