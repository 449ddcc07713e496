/**
 * PKCE (RFC 7636) for the X authorization-code flow, with WebCrypto only: the extension is a
 * public client with no secret, so the verifier is what proves the code was asked for by us.
 */

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** A random URL-safe string carrying `bytes` bytes of entropy. */
export function randomToken(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** The S256 challenge of a verifier: base64url(SHA-256(verifier)). */
export async function s256Challenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

export interface Pkce {
  /** Kept in memory for the token exchange; never leaves the background but to X. */
  verifier: string;
  challenge: string;
  method: 'S256';
}

/** A fresh verifier (43 characters, the RFC's minimum length with 256 bits) and its challenge. */
export async function createPkce(): Promise<Pkce> {
  const verifier = randomToken(32);
  return { verifier, challenge: await s256Challenge(verifier), method: 'S256' };
}
