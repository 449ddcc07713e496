/** What went wrong talking to the relay, in terms the import link acts on. */
export type RelayErrorKind =
  | 'network' // unreachable or timed out: back off and retry
  | 'auth' // 401/403: the secret or admission code was refused
  | 'gone' // 404/410: the relay forgot this subscription: register again
  | 'refused' // other 4xx: the request itself is wrong (too many follows...)
  | 'rate-limit' // 429: registrations per hour, wait
  | 'server' // 5xx: back off and retry
  | 'not-api'; // the answer is not the relay's JSON (wrong URL, a proxy page)

/** The one error type of the relay boundary, carrying the relay's own words. */
export class RelayError extends Error {
  override readonly name = 'RelayError';

  constructor(
    readonly kind: RelayErrorKind,
    /** The relay's `error` field, or a description of the failure. */
    readonly serviceMessage: string,
    readonly status = 0,
  ) {
    super(status ? `The relay answered ${status}: ${serviceMessage}` : serviceMessage);
  }

  /** Worth trying again later, with backoff. */
  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'server' || this.kind === 'rate-limit';
  }
}

export function relayKindForStatus(status: number): RelayErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404 || status === 410) return 'gone';
  if (status === 429) return 'rate-limit';
  if (status >= 500) return 'server';
  return 'refused';
}
