/** Messages of the import area (options page -> background). */
export interface ImportMessages {
  /** Try a failed (or skipped) post again, now. */
  'import/retry': { request: { postId: string }; response: { queued: boolean } };
  /** Give up on a waiting or failed post: it will not become a notice. */
  'import/skip': { request: { postId: string }; response: { skipped: boolean } };
  /** Reconnect to the relay now, without waiting for the backoff. */
  'import/reconnect': { request: Record<string, never>; response: { started: boolean } };
  /** Send the accounts followed on X to the relay now. */
  'import/sync-follows': { request: Record<string, never>; response: { follows: number } };
}
