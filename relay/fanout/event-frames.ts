/**
 * The text of the WebSocket `event` message for each kind of event, written once per event
 * rather than once per socket. A post's body is the JSON text stored in the log, validated
 * against relayPostSchema before it was stored, so it goes in as it is; the result reads as
 * `JSON.stringify({ type: 'event', event })` would (sqlite-store.test.ts holds the two equal).
 */
export const postFrame = (seq: number, body: string) =>
  `{"type":"event","event":{"type":"post","seq":${seq},"post":${body}}}`;

export const deleteFrame = (seq: number, postId: string) =>
  JSON.stringify({ type: 'event', event: { type: 'delete', seq, postId } });
