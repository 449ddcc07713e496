import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

/**
 * Throws the relay's one HTTP error: the global error handler answers `{ error: message }`
 * with `status`. Messages are for the extension's user and developer; never internals.
 */
export function fail(
  status: ContentfulStatusCode,
  message: string,
  headers?: Record<string, string>,
): never {
  throw new HTTPException(status, {
    message,
    ...(headers && { res: new Response(null, { headers }) }),
  });
}

/** `field.path: message` for the first few issues, so a 400 names what to fix. */
export function describeIssues(error: z.ZodError, where: string): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${[where, ...issue.path.map(String)].join('.')}: ${issue.message}`)
    .join('; ');
}
