import { z } from 'zod';
import { answerFailureWords, readAnswer } from './read-answer.ts';
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

// X's longest rate-limit window is 24 hours (the 24-hour caps): a reset further away is a
// broken header, and waiting for it would stall the outbox for good.
const LONGEST_WINDOW_MS = 24 * 60 * 60 * 1000;

function resetAt(response: Response): number | undefined {
  const reset = Number(response.headers.get('x-rate-limit-reset'));
  if (!Number.isFinite(reset) || reset <= 0) return undefined;
  return Math.min(reset * 1000, Date.now() + LONGEST_WINDOW_MS);
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

  const answer = await readAnswer(response, { caller: call.signal, timeout });
  if ('failure' in answer) {
    // Cut off or late: X may have acted, so this is a network failure, retried with care.
    const kind =
      answer.failure !== 'too-large'
        ? 'network'
        : response.ok
          ? 'not-api'
          : xKindForStatus(response.status);
    throw new XApiError(
      kind,
      `X's answer ${answerFailureWords[answer.failure]}`,
      0,
      resetAt(response),
    );
  }
  const text = answer.text;
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
    // An invalid-request problem says only "One or more parameters ... was invalid." in
    // `detail`; the reason is in `errors[].message`, so both are kept.
    const reasons = problem.success
      ? (problem.data.errors ?? []).flatMap((e) => (e.message ? [e.message] : []))
      : [];
    const detail = problem.success ? (problem.data.detail ?? problem.data.title) : undefined;
    const words =
      detail && reasons.length ? `${detail} (${reasons.join('; ')})` : (detail ?? reasons[0]);
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
