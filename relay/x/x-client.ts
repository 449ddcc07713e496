import type { z } from 'zod';
import type { XProblem } from './x-schemas.ts';
import { xProblemSchema } from './x-schemas.ts';

/** An answer from X other than success, with X's own words and its rate-limit reset. */
export class XApiError extends Error {
  override name = 'XApiError';
  constructor(
    readonly status: number,
    readonly problem: XProblem | undefined,
    /** When the rate-limit window resets (epoch ms), from `x-rate-limit-reset`. */
    readonly resetAtMs: number | undefined,
    message = `X answered ${status}: ${describe(problem) ?? 'no details'}`,
  ) {
    super(message);
  }
}

export interface XClientOptions {
  baseUrl: string;
  bearerToken: string;
  fetch?: typeof fetch;
  /** Abandon a non-streaming call after this long. */
  timeoutMs?: number;
}

// X asks clients to name themselves and their version (handling-disconnections.mdx).
const USER_AGENT = 'statusnet-x-bridge-relay/0.1';

/**
 * Calls X API v2 with the operator's app-only bearer token. The token goes only into the
 * Authorization header; errors and logs carry the path, never the header.
 */
export function createXClient(options: XClientOptions) {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const headers = {
    authorization: `Bearer ${options.bearerToken}`,
    'user-agent': USER_AGENT,
  };

  function url(path: string, query: Record<string, string | undefined> = {}): string {
    const target = new URL(options.baseUrl + path);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) target.searchParams.set(key, value);
    }
    return target.toString();
  }

  async function send<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    query: Record<string, string | undefined>,
    body: unknown,
    schema: S,
    signal: AbortSignal,
  ): Promise<z.output<S>> {
    const response = await doFetch(url(path, query), {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
    });
    if (!response.ok) throw await toError(response);
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) {
      throw new XApiError(
        response.status,
        undefined,
        undefined,
        `unexpected answer from X to ${path}`,
      );
    }
    return parsed.data;
  }

  return {
    get: <S extends z.ZodType>(
      path: string,
      query: Record<string, string | undefined>,
      schema: S,
      signal: AbortSignal,
    ) => send('GET', path, query, undefined, schema, signal),

    post: <S extends z.ZodType>(
      path: string,
      query: Record<string, string | undefined>,
      body: unknown,
      schema: S,
      signal: AbortSignal,
    ) => send('POST', path, query, body, schema, signal),

    /** Opens a long-lived streaming GET; the caller reads the body and owns the signal. */
    async openStream(path: string, query: Record<string, string>, signal: AbortSignal) {
      const response = await doFetch(url(path, query), { headers, signal });
      if (!response.ok) throw await toError(response);
      if (!response.body)
        throw new XApiError(response.status, undefined, undefined, 'empty stream');
      return response.body;
    },
  };
}
export type XClient = ReturnType<typeof createXClient>;

async function toError(response: Response): Promise<XApiError> {
  const body: unknown = await response.json().catch(() => undefined);
  // Errors come as a problem, or as `{ errors: [problem] }` (rate-limits.mdx shows both).
  const candidate =
    body && typeof body === 'object' && 'errors' in body && Array.isArray(body.errors)
      ? body.errors[0]
      : body;
  const problem = xProblemSchema.safeParse(candidate);
  const reset = Number(response.headers.get('x-rate-limit-reset'));
  return new XApiError(
    response.status,
    problem.success ? problem.data : undefined,
    Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined,
  );
}

function describe(problem: XProblem | undefined): string | undefined {
  if (!problem) return undefined;
  return [problem.title, problem.detail ?? problem.message].filter(Boolean).join(': ') || undefined;
}
