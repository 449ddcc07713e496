import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Consumer, GnuSocialState, OAuthToken } from '../domain/state.ts';
import type { ApiRequest } from './request.ts';

/**
 * OAuth 1.0a as GNU social's `OAuthServer` (the reference PHP library) checks it: HMAC-SHA1
 * only, timestamps within 300 s of the site's clock, each nonce once. Its messages are kept
 * word for word; they are what a client sees in the error body.
 */
export class OAuthProblem extends Error {
  override readonly name = 'OAuthProblem';

  constructor(
    message: string,
    readonly status = 401,
  ) {
    super(message);
  }
}

const timestampThresholdSeconds = 300;

/** RFC 3986 percent-encoding, as both ends of an OAuth signature use it. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The parameters of an `Authorization: OAuth k="v", ...` header (realm left out). */
export function authorizationParams(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header || !/^OAuth\s/i.test(header)) return out;
  for (const match of header.slice(6).matchAll(/([\w.~%-]+)\s*=\s*"([^"]*)"/g)) {
    const [, key = '', value = ''] = match;
    if (key === 'realm') continue;
    try {
      out[decodeURIComponent(key)] = decodeURIComponent(value);
    } catch {
      // A malformed escape is left as sent: the signature check will then fail.
      out[key] = value;
    }
  }
  return out;
}

/** `OAuthRequest::from_request()`: query, urlencoded body and header parameters together. */
export function requestParams(req: ApiRequest): Record<string, string> {
  return {
    ...req.query,
    ...(req.formEncoded ? req.post : {}),
    ...authorizationParams(req.headers.get('authorization')),
  };
}

export function signatureBaseString(
  method: string,
  url: URL,
  params: Record<string, string>,
): string {
  const normalizedUrl = `${url.protocol}//${url.host}${url.pathname}`.toLowerCase();
  const pairs = Object.entries(params)
    .filter(([key]) => key !== 'oauth_signature')
    .map(([key, value]) => [percentEncode(key), percentEncode(value)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? compare(av, bv) : compare(a, b)))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  return [method.toUpperCase(), percentEncode(normalizedUrl), percentEncode(pairs)].join('&');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function hmacSha1(base: string, consumerSecret: string, tokenSecret: string): string {
  const key = `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
  return createHmac('sha1', key).update(base).digest('base64');
}

export function randomKey(bytes = 16): string {
  return randomBytes(bytes).toString('hex');
}

export interface Verified {
  consumer: Consumer;
  token: OAuthToken | undefined;
  params: Record<string, string>;
}

/**
 * `verify_request` / `fetch_request_token` / `fetch_access_token` up to the signature:
 * version, consumer, token of the expected kind (none for a request-token request),
 * timestamp, nonce, method, signature, in that order.
 */
export function verifySignedRequest(
  state: GnuSocialState,
  req: ApiRequest,
  tokenKind: 'request' | 'access' | null,
): Verified {
  const params = requestParams(req);
  const version = params.oauth_version;
  if (version && version !== '1.0')
    throw new OAuthProblem(`OAuth version '${version}' not supported`);

  const consumerKey = params.oauth_consumer_key;
  if (!consumerKey) throw new OAuthProblem('Invalid consumer key');
  const consumer = state.consumers.get(consumerKey);
  if (!consumer) throw new OAuthProblem('Invalid consumer');

  let token: OAuthToken | undefined;
  if (tokenKind) {
    const key = params.oauth_token ?? '';
    token = state.tokens.get(key);
    if (
      !token ||
      token.kind !== tokenKind ||
      token.state === 2 ||
      token.consumerKey !== consumerKey
    ) {
      throw new OAuthProblem(`Invalid ${tokenKind} token: ${key}`);
    }
  }

  checkTimestampAndNonce(state, params, consumerKey);
  checkSignature(req, params, consumer, token);
  return { consumer, token, params };
}

function checkTimestampAndNonce(
  state: GnuSocialState,
  params: Record<string, string>,
  consumerKey: string,
): void {
  const timestamp = params.oauth_timestamp;
  if (!timestamp) throw new OAuthProblem('Missing timestamp parameter. The parameter is required');
  const now = Math.floor(state.now() / 1000);
  if (!(Math.abs(now - Number(timestamp)) <= timestampThresholdSeconds)) {
    throw new OAuthProblem(`Expired timestamp, yours ${timestamp}, ours ${now}`);
  }

  const nonce = params.oauth_nonce;
  if (!nonce) throw new OAuthProblem('Missing nonce parameter. The parameter is required');
  const nonceKey = `${consumerKey}\n${params.oauth_token ?? ''}\n${nonce}\n${timestamp}`;
  if (state.nonces.has(nonceKey)) throw new OAuthProblem(`Nonce already used: ${nonce}`);

  // Nonces older than the timestamp window can never be replayed: forget them.
  for (const [key, seen] of state.nonces) {
    if (now - seen > timestampThresholdSeconds) state.nonces.delete(key);
  }
  state.nonces.set(nonceKey, Number(timestamp));
}

function checkSignature(
  req: ApiRequest,
  params: Record<string, string>,
  consumer: Consumer,
  token: OAuthToken | undefined,
): void {
  const method = params.oauth_signature_method;
  if (!method) throw new OAuthProblem('No signature method parameter. This parameter is required');
  if (method !== 'HMAC-SHA1') {
    throw new OAuthProblem(
      `Signature method '${method}' not supported try one of the following: HMAC-SHA1`,
    );
  }

  const base = signatureBaseString(req.method, req.url, params);
  const expected = Buffer.from(hmacSha1(base, consumer.secret, token?.secret ?? ''));
  const given = Buffer.from(params.oauth_signature ?? '');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new OAuthProblem('Invalid signature');
  }
}
