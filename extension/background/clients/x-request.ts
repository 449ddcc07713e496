import { z } from 'zod';
import { XApiError, xKindForStatus } from './x-error.ts';

/** Where and how to call X's API. */
export interface XTarget {
  /** `https://api.x.com`, or a local emulator's URL. */
  apiBase: string;
  /** Returns a valid access token (refreshing it first if it is about to expire). */
  accessToken: () => Promise<string>;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface XCall<T> {
  method: 'GET' | 'POST' | 'DELETE' | 'PUT';
  path: string;
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  form?: FormData;
  schema: z.ZodType<T>;
  signal?: AbortSignal;
}

/** X's error bodies: an RFC 7807 problem, or `{errors: [{message}]}` from older paths. */
const problemSchema = z.looseObject({
  title: z.string().optional(),
  detail: z.string().optional(),
  errors: z.array(z.looseObject({ message: z.string().optional() })).optional(),
});

function resetAt(response: Response): number | undefined {
  const reset = Number(response.headers.get('x-rate-limit-reset'));
  return Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined;
}

/** Calls one X API v2 endpoint with the user's token; every failure becomes an XApiError. */
export async function callX<T>(target: XTarget, call: XCall<T>): Promise<T> {
  const url = new URL(call.path, target.apiBase);
  for (const [key, value] of Object.entries(call.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }

  const headers: Record<string, string> = {
    Authorization: `Bearer ${await target.accessToken()}`,
  };
  let body: BodyInit | undefined;
  if (call.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(call.json);
  } else if (call.form) {
    body = call.form;
  }

  const timeout = AbortSignal.timeout(target.timeoutMs ?? 30_000);
  const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;

  let response: Response;
  try {
    response = await (target.fetch ?? fetch)(url, {
      method: call.method,
      headers,
      credentials: 'omit',
      signal,
      ...(body !== undefined && { body }),
    });
  } catch (error) {
    if (call.signal?.aborted) throw error;
    throw new XApiError('network', `X ${timeout.aborted ? 'timed out' : 'could not be reached'}`);
  }

  const text = await response.text().catch(() => '');
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    const kind = response.ok ? 'not-api' : xKindForStatus(response.status);
    throw new XApiError(
      kind,
      `X answered with a non-JSON body`,
      response.status,
      resetAt(response),
    );
  }

  if (!response.ok) {
    const problem = problemSchema.safeParse(parsed);
    const words = problem.success
      ? (problem.data.detail ?? problem.data.errors?.[0]?.message ?? problem.data.title)
      : undefined;
    throw new XApiError(
      xKindForStatus(response.status),
      words ?? `HTTP ${response.status}`,
      response.status,
      resetAt(response),
    );
  }

  const result = call.schema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new XApiError(
      'not-api',
      `Unexpected answer from X (${issue?.path.join('.')}: ${issue?.message})`,
    );
  }
  return result.data;
}
