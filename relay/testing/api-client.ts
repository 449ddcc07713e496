import type { Hono } from 'hono';
import type { RegisterResponse } from '../../protocol/index.ts';
import { registerResponseSchema } from '../../protocol/index.ts';

/** Requests against the relay's API, in-process (`app.request`) or over HTTP (`fetch`). */
export type Requester = (path: string, init?: RequestInit) => Promise<Response>;

export const viaApp =
  (app: Hono): Requester =>
  async (path, init) =>
    app.request(path, init);
export const viaHttp =
  (baseUrl: string): Requester =>
  (path, init) =>
    fetch(baseUrl + path, init);

/** A JSON request, with the subscription secret as Bearer token when given. */
export function jsonInit(method: string, body?: unknown, secret?: string): RequestInit {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secret !== undefined) headers.authorization = `Bearer ${secret}`;
  return { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) };
}

/** Registers a subscription and, when given, sets its follows. */
export async function register(
  request: Requester,
  follows?: { xUserId: string; followIds: string[] },
  body: unknown = {},
): Promise<RegisterResponse> {
  const response = await request('/v1/subscriptions', jsonInit('POST', body));
  if (response.status !== 201) throw new Error(`register answered ${response.status}`);
  const created = registerResponseSchema.parse(await response.json());
  if (follows) {
    const put = await request(
      `/v1/subscriptions/${created.id}/follows`,
      jsonInit('PUT', follows, created.secret),
    );
    if (put.status !== 200) throw new Error(`follows answered ${put.status}`);
  }
  return created;
}
