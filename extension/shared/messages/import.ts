/** Messages of the import area (options page -> background). */
export interface ImportMessages {
  'import/retry': { request: { postId: string }; response: { queued: boolean } };
}
