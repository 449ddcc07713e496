import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import OAuth from 'oauth-1.0a';

/** The consumer (registered on the user's site) and, once authorised, the access token. */
export interface OAuth1Keys {
  consumerKey: string;
  consumerSecret: string;
  token?: string;
  tokenSecret?: string;
}

function base64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The `Authorization: OAuth ...` header for one request, signed with HMAC-SHA1 as StatusNet
 * requires. `params` are the form or query parameters, which take part in the signature.
 * oauth-1.0a wants a synchronous hash, which WebCrypto cannot give: @noble/hashes can.
 */
export function oauth1Header(
  keys: OAuth1Keys,
  request: { method: string; url: string; params?: Record<string, string> },
): string {
  const oauth = new OAuth({
    consumer: { key: keys.consumerKey, secret: keys.consumerSecret },
    signature_method: 'HMAC-SHA1',
    hash_function: (base, key) =>
      base64(hmac(sha1, new TextEncoder().encode(key), new TextEncoder().encode(base))),
  });
  const token =
    keys.token === undefined ? undefined : { key: keys.token, secret: keys.tokenSecret ?? '' };
  const data = oauth.authorize(
    { method: request.method, url: request.url, data: request.params ?? {} },
    token,
  );
  return oauth.toHeader(data).Authorization;
}
