import type { OutboxEntry } from '../../shared/db-schema.ts';
import { XApiError } from '../clients/x-error.ts';
import type { ExportPause } from './pause.ts';
import type { RefusedKind } from './refusals.ts';
import type { Tuning } from './tuning.ts';

/** What the runner does after a failed attempt. */
export type FailurePlan =
  /** Try again at `at`. `unknown`: X may have acted (a post is looked for before it is re-sent). */
  | { kind: 'retry'; at: number; unknown: boolean; message: string }
  /** Stop the whole outbox; the entry stays at the head. */
  | { kind: 'pause'; pause: ExportPause }
  /** 401: refresh the token once and try again at once. */
  | { kind: 'refresh'; message: string }
  /** X's policy refuses this kind of action to the app. */
  | { kind: 'refused'; refusal: RefusedKind; message: string }
  /** X said the post exists already: find it rather than fail. */
  | { kind: 'duplicate'; message: string }
  /** The thing to undo is gone already: the entry achieved its aim. */
  | { kind: 'gone' }
  /** Permanent: the entry fails, with X's own words. */
  | { kind: 'fail'; message: string };

/** Exponential backoff with ±20 % jitter, so many browsers do not return in step. */
export function backoffDelay(attempts: number, tuning: Tuning, random = Math.random): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 40);
  const delay = Math.min(tuning.backoffMaxMs, tuning.backoffBaseMs * 2 ** exponent);
  return Math.round(delay * (0.8 + 0.4 * random()));
}

const UNDOING = new Set(['delete', 'unrepost', 'unlike']);

function isReply(entry: OutboxEntry): boolean {
  return entry.action.type === 'post' && entry.action.replyToPostId !== undefined;
}

/**
 * Decides what a failure means for an entry, following X's documented answers: 429 waits for
 * `x-rate-limit-reset`; 5xx and network errors back off (and leave the outcome unknown: X may
 * have made the post before failing); 401 refreshes once; 402 pauses; 403 on a like or a reply
 * is X's 2026 policy; other 4xx are permanent and carry X's `detail`.
 */
export function planFailure(
  entry: OutboxEntry,
  error: unknown,
  context: { now: number; tuning: Tuning; refreshedAlready: boolean },
): FailurePlan {
  const { now, tuning } = context;
  const x = error instanceof XApiError ? error : undefined;
  const message = x ? x.serviceMessage : error instanceof Error ? error.message : String(error);
  const kind = x?.kind ?? 'network';

  switch (kind) {
    case 'rate-limit': {
      const until = Math.max(x?.resetAt ?? 0, now + 1_000);
      const at = x?.resetAt ? until : now + tuning.rateLimitFallbackMs;
      const pause: ExportPause = {
        reason: 'rate-limit',
        message: `X's rate limit is reached (${message}); waiting until ${new Date(at).toISOString()}.`,
        since: now,
        until: at,
      };
      return { kind: 'pause', pause };
    }
    case 'auth':
      if (!context.refreshedAlready) return { kind: 'refresh', message };
      return {
        kind: 'pause',
        pause: { reason: 'reconnect', message: `Reconnect X: ${message}`, since: now },
      };
    case 'credits':
      return {
        kind: 'pause',
        pause: {
          reason: 'credits',
          message: `X credits depleted: ${message}`,
          since: now,
          until: now + tuning.creditsProbeMs,
        },
      };
    case 'forbidden':
      if (x?.duplicate && entry.action.type === 'post') return { kind: 'duplicate', message };
      if (entry.action.type === 'like' || entry.action.type === 'unlike') {
        return { kind: 'refused', refusal: 'likes', message };
      }
      if (isReply(entry)) return { kind: 'refused', refusal: 'replies', message };
      return { kind: 'fail', message };
    case 'not-found':
      return UNDOING.has(entry.action.type) ? { kind: 'gone' } : { kind: 'fail', message };
    case 'bad-request':
      return { kind: 'fail', message };
    case 'network':
    case 'server':
    case 'not-api': {
      if (now - entry.createdAt > tuning.giveUpAfterMs) {
        const days = Math.round((now - entry.createdAt) / 86_400_000);
        return {
          kind: 'fail',
          message: `Gave up after ${entry.attempts} attempts over ${days} days: ${message}`,
        };
      }
      const at = now + backoffDelay(entry.attempts, tuning);
      // X may have acted before failing (or answered in a shape we could not read): the entry
      // cannot be cancelled as unsent any more, and a post is looked for before it is re-sent.
      return { kind: 'retry', at, unknown: true, message };
    }
  }
}
