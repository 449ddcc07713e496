/** What went wrong talking to a StatusNet site, in terms the bridge acts on. */
export type StatusNetErrorKind =
  | 'network' // unreachable, timed out, TLS: try again later
  | 'auth' // 401: wrong password or revoked token
  | 'gone' // 410: the notice was deleted
  | 'not-found' // 404
  | 'refused' // 4xx: the site will not do it (duplicate, too long, forbidden)
  | 'server' // 5xx: the site failed; the action may still have happened
  | 'not-api'; // the answer is not GNU social's API (an HTML page, a proxy, wrong URL)

/** The one error type of the StatusNet boundary, carrying the site's own words. */
export class StatusNetError extends Error {
  override readonly name = 'StatusNetError';

  constructor(
    readonly kind: StatusNetErrorKind,
    /** The site's message (its `error` field) or a description of the failure. */
    readonly serviceMessage: string,
    readonly status = 0,
  ) {
    super(status ? `StatusNet answered ${status}: ${serviceMessage}` : serviceMessage);
  }

  /** Worth trying again later, with backoff. */
  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'server';
  }
}

export function kindForStatus(status: number): StatusNetErrorKind {
  if (status === 401) return 'auth';
  if (status === 410) return 'gone';
  if (status === 404) return 'not-found';
  if (status >= 500) return 'server';
  return 'refused';
}
