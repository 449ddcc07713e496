import type { z } from 'zod';
import type { StatusNetAuth } from '../../shared/db-schema.ts';
import { oauth1Header } from './oauth1.ts';
import { answerFailureWords, readAnswer } from './read-answer.ts';
import { kindForStatus, StatusNetError } from './statusnet-error.ts';
import { statusNetErrorBodySchema } from './statusnet-schemas.ts';

/** Where and as whom to call a StatusNet API. */
export interface StatusNetTarget {
  /** The API root, e.g. `https://social.example/api`, without a trailing slash. */
  apiBase: string;
  /** Omitted for anonymous reads (cheaper for the site: no password hash per call). */
  auth?: StatusNetAuth | undefined;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface StatusNetCall<T> {
  method: 'GET' | 'POST';
  /** Path below the API root without `.json`, e.g. `statuses/update`. */
  path: string;
  params?: Record<string, string | number | undefined>;
  /** Files to upload as multipart (`media`); the other params travel as form fields. */
  files?: { field: string; blob: Blob; filename: string }[];
  schema: z.ZodType<T>;
  signal?: AbortSignal;
  anonymous?: boolean;
}

function defined(params: StatusNetCall<unknown>['params']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value !== undefined) out[key] = String(value);
  }
  return out;
}

function basicHeader(username: string, password: string): string {
  // btoa takes Latin-1 only; encode as UTF-8 first so non-ASCII passwords work.
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

function authorization(
  target: StatusNetTarget,
  method: string,
  url: string,
  signed: Record<string, string>,
): string | undefined {
  const auth = target.auth;
  if (!auth) return undefined;
  if (auth.kind === 'basic') return basicHeader(auth.username, auth.password);
  return oauth1Header(auth, { method, url, params: signed });
}

/**
 * Calls one API method and returns its validated JSON. Every failure becomes a StatusNetError
 * with the site's own words; a body that is not the API's JSON is `not-api`, never a crash.
 * Bodies are form-encoded (or multipart): GNU social refuses JSON bodies.
 */
export async function callStatusNet<T>(
  target: StatusNetTarget,
  call: StatusNetCall<T>,
): Promise<T> {
  const params = defined(call.params);
  const url = new URL(`${target.apiBase}/${call.path}.json`);
  // `no-store`: GNU social's ETags can stay the same while a timeline changed (after a fave,
  // a reply): a browser revalidating its cached copy would be told 304 and miss the change.
  const init: RequestInit = {
    method: call.method,
    headers: {},
    credentials: 'omit',
    cache: 'no-store',
  };
  const headers = init.headers as Record<string, string>;
  let signed: Record<string, string> = params;

  if (call.method === 'GET') {
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  } else if (call.files?.length) {
    const form = new FormData();
    for (const [key, value] of Object.entries(params)) form.set(key, value);
    for (const file of call.files) form.append(file.field, file.blob, file.filename);
    init.body = form;
    signed = {}; // OAuth 1.0a signs only form-urlencoded bodies
  } else {
    init.body = new URLSearchParams(params);
  }

  const auth = call.anonymous
    ? undefined
    : authorization(target, call.method, url.origin + url.pathname, signed);
  if (auth) headers['Authorization'] = auth;

  const timeout = AbortSignal.timeout(target.timeoutMs ?? 30_000);
  init.signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;

  let response: Response;
  try {
    response = await (target.fetch ?? fetch)(url, init);
  } catch (error) {
    if (call.signal?.aborted) throw error;
    const reason = timeout.aborted ? 'timed out' : 'could not be reached';
    throw new StatusNetError('network', `${url.host} ${reason}`);
  }

  const answer = await readAnswer(response, { caller: call.signal, timeout });
  if ('failure' in answer) {
    // A body that broke off or ran late is a network failure (the action may have happened);
    // one too large to read is not the API, or a server error when the status says so.
    const kind =
      answer.failure !== 'too-large'
        ? 'network'
        : response.ok
          ? 'not-api'
          : kindForStatus(response.status);
    throw new StatusNetError(kind, `${url.host}'s answer ${answerFailureWords[answer.failure]}`);
  }
  return readResponse(response, answer.text, call.schema);
}

function readResponse<T>(response: Response, text: string, schema: z.ZodType<T>): T {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const what = `a ${response.headers.get('content-type')?.split(';')[0] ?? 'non-JSON'} page`;
    const kind = response.ok ? 'not-api' : kindForStatus(response.status);
    throw new StatusNetError(
      kind,
      `The site answered with ${what}, not the StatusNet API`,
      response.status,
    );
  }

  if (!response.ok) {
    const error = statusNetErrorBodySchema.safeParse(body);
    const message = error.success ? error.data.error : `HTTP ${response.status}`;
    throw new StatusNetError(kindForStatus(response.status), message, response.status);
  }

  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.')}: ${issue.message}` : 'unexpected shape';
    throw new StatusNetError('not-api', `The site's answer is not what the API returns (${where})`);
  }
  return parsed.data;
}
