/** Messages of the export area (options page, content script -> background). */
export interface ExportMessages {
  /**
   * Poll StatusNet now and send what is due: `nudge` when the content script saw the user act
   * in the web UI (the site may take a moment, so it polls again shortly if nothing is new yet),
   * `user` from the options page's button.
   */
  'export/sync-now': { request: { reason: 'nudge' | 'user' }; response: { queued: boolean } };
  /** The composer's "Also post to X" was off: keep the next notice with this text off X. */
  'export/skip-text': { request: { text: string }; response: { remembered: boolean } };
  /** What the composer switch needs: whether export runs for this site, and its default. */
  'export/composer': {
    request: Record<string, never>;
    response: { active: boolean; defaultOn: boolean };
  };
  /** Try an entry again now (a failed one, or one waiting for its next attempt). */
  'export/retry': { request: { seq: number }; response: { queued: boolean } };
  /** Give up on an entry: it is never sent. */
  'export/skip': { request: { seq: number }; response: { skipped: boolean } };
  /** Lift a pause (after reconnecting X or topping up credits) and send again. */
  'export/resume': { request: Record<string, never>; response: { resumed: boolean } };
  /** Try a kind X refused (likes, replies) again, e.g. after the app's access level changed. */
  'export/allow-kind': {
    request: { kind: 'likes' | 'replies' };
    response: { allowed: boolean };
  };
}
