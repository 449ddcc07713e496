/**
 * GNU social's `ClientException` / `clientError()`: a message in the site's own words and an
 * HTTP status. Where it is raised matters to the answer: errors raised while an action prepares
 * (authentication, looking the target up) come without `Access-Control-Allow-Origin`, because
 * the real site only sets that header once `handle()` starts. Both phases are captured
 * (e.g. `statuses_show_nonexistent_99999` vs `favorites_create_99999_nonexistent`).
 */
export class ClientError extends Error {
  override readonly name = 'ClientError';

  constructor(
    readonly status: number,
    message: string,
    readonly phase: 'prepare' | 'handle' = 'handle',
    /** Extra headers, e.g. `WWW-Authenticate` on a 401. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** An error raised in `prepare()`: the answer carries no CORS header. */
export function prepareError(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): ClientError {
  return new ClientError(status, message, 'prepare', headers);
}

/** An error raised in `handle()`: the answer carries `Access-Control-Allow-Origin: *`. */
export function handleError(status: number, message: string): ClientError {
  return new ClientError(status, message, 'handle');
}
