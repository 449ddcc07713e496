/** Messages of the export area (options page, content script -> background). */
export interface ExportMessages {
  /** Poll StatusNet now: the content script saw the user act in the web UI. */
  'export/sync-now': { request: { reason: 'nudge' | 'user' }; response: { queued: boolean } };
}
