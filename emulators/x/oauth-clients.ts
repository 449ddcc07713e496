/** A registered OAuth 2.0 client (an X App's Client ID and callback URLs). */
export interface OAuthClient {
  id: string;
  name: string;
  type: 'public';
  /** Exact URLs, or patterns where `*` stands for any run of characters. */
  redirectUris: string[];
}

/**
 * Fixed id of the client registered by default. X client ids are base64 of
 * "<id>:1:ci"; this one decodes to "emulator-demo:1:ci".
 */
export const DEFAULT_CLIENT_ID = 'ZW11bGF0b3ItZGVtbzoxOmNp';

/**
 * Where browser extensions receive the redirect: Chrome's `chrome.identity` uses
 * `https://<extension-id>.chromiumapp.org/...`, Firefox `https://<id>.extensions.allizom.org/...`.
 */
export const EXTENSION_REDIRECT_PATTERNS = [
  'https://*.chromiumapp.org/*',
  'https://*.extensions.allizom.org/*',
  'http://127.0.0.1:*/*',
  'http://localhost:*/*',
];

/** The registered clients. X matches callback URLs exactly; patterns are an emulator aid. */
export function createClientRegistry() {
  const clients = new Map<string, OAuthClient>();

  function register(client: {
    id: string;
    name?: string | undefined;
    redirectUris: readonly string[];
  }) {
    const registered: OAuthClient = {
      id: client.id,
      name: client.name ?? 'StatusNet bridge',
      type: 'public',
      redirectUris: [...client.redirectUris],
    };
    clients.set(client.id, registered);
    return registered;
  }

  function allowsRedirect(client: OAuthClient, uri: string): boolean {
    return client.redirectUris.some((allowed) =>
      allowed.includes('*') ? patternToRegExp(allowed).test(uri) : allowed === uri,
    );
  }

  return {
    register,
    allowsRedirect,
    get: (id: string) => clients.get(id),
    list: () => [...clients.values()],
    clear: () => clients.clear(),
  };
}
export type ClientRegistry = ReturnType<typeof createClientRegistry>;

function patternToRegExp(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`);
}
