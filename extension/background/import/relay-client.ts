import { z } from 'zod';
import {
  eventsResponseSchema,
  registerResponseSchema,
  relayErrorSchema,
  subscriptionStatusSchema,
  type EventsResponse,
  type FollowsRequest,
  type RegisterResponse,
  type SubscriptionStatus,
} from '../../../protocol/relay-api.ts';
import { RelayError, relayKindForStatus } from './relay-error.ts';

/** A subscription as the extension keeps it: the relay issued both; the secret is shown once. */
export interface SubscriptionCredentials {
  id: string;
  secret: string;
}

export interface RelayClientOptions {
  /** The relay's base URL as the user typed it, e.g. `https://relay.example`. */
  url: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

interface RelayCall<T> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  secret?: string;
  json?: unknown;
  schema: z.ZodType<T>;
  signal?: AbortSignal | undefined;
  timeoutMs?: number;
}

/**
 * The relay's HTTP API (protocol/relay-api.ts), every answer validated by the protocol's
 * schemas. Each method is one call; every failure is a RelayError with the relay's own words.
 */
export function createRelayClient(options: RelayClientOptions) {
  const base = options.url.replace(/\/+$/, '');

  async function call<T>(request: RelayCall<T>): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (request.secret) headers['Authorization'] = `Bearer ${request.secret}`;
    if (request.json !== undefined) headers['Content-Type'] = 'application/json';

    const timeout = AbortSignal.timeout(request.timeoutMs ?? options.timeoutMs ?? 30_000);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await (options.fetch ?? fetch)(`${base}${request.path}`, {
        method: request.method,
        headers,
        credentials: 'omit',
        signal,
        ...(request.json !== undefined && { body: JSON.stringify(request.json) }),
      });
    } catch (error) {
      if (request.signal?.aborted) throw error;
      const host = new URL(base).host;
      throw new RelayError(
        'network',
        `${host} ${timeout.aborted ? 'timed out' : 'could not be reached'}`,
      );
    }
    return read(response, request.schema);
  }

  return {
    url: base,

    /** `POST /v1/subscriptions`: a new subscription (with the operator's admission code). */
    register: (admissionCode?: string): Promise<RegisterResponse> =>
      call({
        method: 'POST',
        path: '/v1/subscriptions',
        json: admissionCode ? { admissionCode } : {},
        schema: registerResponseSchema,
      }),

    /** `PUT /v1/subscriptions/:id/follows`: replaces the user's X id and followed ids. */
    putFollows: (
      sub: SubscriptionCredentials,
      follows: FollowsRequest,
    ): Promise<SubscriptionStatus> =>
      call({
        method: 'PUT',
        path: `/v1/subscriptions/${encodeURIComponent(sub.id)}/follows`,
        secret: sub.secret,
        json: follows,
        schema: subscriptionStatusSchema,
      }),

    status: (sub: SubscriptionCredentials): Promise<SubscriptionStatus> =>
      call({
        method: 'GET',
        path: `/v1/subscriptions/${encodeURIComponent(sub.id)}`,
        secret: sub.secret,
        schema: subscriptionStatusSchema,
      }),

    /** Long-poll fallback: events after `after`, waiting up to `waitSeconds` for the first. */
    events: (
      sub: SubscriptionCredentials,
      after: number,
      waitSeconds: number,
      signal?: AbortSignal,
    ): Promise<EventsResponse> =>
      call({
        method: 'GET',
        path: `/v1/subscriptions/${encodeURIComponent(sub.id)}/events?after=${after}&wait=${waitSeconds}`,
        secret: sub.secret,
        schema: eventsResponseSchema,
        signal,
        // The relay holds the request for `waitSeconds`; allow that plus a margin.
        timeoutMs: (waitSeconds + 15) * 1000,
      }),

    ack: (sub: SubscriptionCredentials, seq: number): Promise<unknown> =>
      call({
        method: 'POST',
        path: `/v1/subscriptions/${encodeURIComponent(sub.id)}/ack`,
        secret: sub.secret,
        json: { seq },
        schema: anything,
      }),

    /** The WebSocket URL of the event stream (same host, ws/wss scheme). */
    streamUrl(sub: Pick<SubscriptionCredentials, 'id'>): string {
      const url = new URL(`${base}/v1/subscriptions/${encodeURIComponent(sub.id)}/stream`);
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
      return url.toString();
    },
  };
}

export type RelayClient = ReturnType<typeof createRelayClient>;

// An ack answers with a status or nothing (204): only success matters.
const anything = z.unknown();

async function read<T>(response: Response, schema: z.ZodType<T>): Promise<T> {
  const text = await response.text().catch(() => '');
  let body: unknown = undefined;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      const kind = response.ok ? 'not-api' : relayKindForStatus(response.status);
      throw new RelayError(
        kind,
        'The answer is not the relay API (is the relay URL right?)',
        response.status,
      );
    }
  }

  if (!response.ok) {
    const error = relayErrorSchema.safeParse(body);
    const words = error.success ? error.data.error : `HTTP ${response.status}`;
    throw new RelayError(relayKindForStatus(response.status), words, response.status);
  }

  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.')}: ${issue.message}` : 'unexpected shape';
    throw new RelayError('not-api', `The relay's answer is not what its API returns (${where})`);
  }
  return parsed.data;
}
