/**
 * Close codes of `GET /v1/subscriptions/:id/stream`. 4xxx are the relay's own (the range
 * RFC 6455 leaves to applications), numbered after the HTTP status they echo.
 */
export const CLOSE = {
  /** The relay is shutting down: reconnect later and resume from your cursor. */
  goingAway: 1001,
  /** A broken rule of the protocol: no `hello` within 10 s, a second `hello`, a bad message. */
  policy: 1008,
  /** An unexpected error on the relay. */
  internal: 1011,
  /** The client read too slowly and fell behind: reconnect and resume from your cursor. */
  tryAgainLater: 1013,
  /** Unknown subscription or wrong secret (the same answer for both). */
  unauthorized: 4401,
  /** The subscription was deleted while connected. */
  gone: 4404,
} as const;
