/** What went wrong talking to X, in terms the bridge acts on. */
export type XErrorKind =
  | 'network' // unreachable or timed out: back off and retry
  | 'auth' // 401: refresh the token once, then ask the user to reconnect
  | 'credits' // 402: the X app's credits are depleted
  | 'forbidden' // 403: refused (duplicate content, policy on likes or replies, scopes)
  | 'not-found' // 404
  | 'rate-limit' // 429: wait until `resetAt`
  | 'bad-request' // other 4xx: permanent
  | 'server' // 5xx: back off and retry
  | 'not-api'; // not X's JSON

/** The one error type of the X boundary, carrying X's own `detail` (or `title`). */
export class XApiError extends Error {
  override readonly name = 'XApiError';

  constructor(
    readonly kind: XErrorKind,
    readonly serviceMessage: string,
    readonly status = 0,
    /** Epoch ms from `x-rate-limit-reset`, when X says when to come back. */
    readonly resetAt?: number,
  ) {
    super(status ? `X answered ${status}: ${serviceMessage}` : serviceMessage);
  }

  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'server' || this.kind === 'rate-limit';
  }

  /** X refused the text as a duplicate of a recent post by the same user. */
  get duplicate(): boolean {
    return this.kind === 'forbidden' && /duplicate/i.test(this.serviceMessage);
  }
}

export function xKindForStatus(status: number): XErrorKind {
  if (status === 401) return 'auth';
  if (status === 402) return 'credits';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limit';
  if (status >= 500) return 'server';
  return 'bad-request';
}
