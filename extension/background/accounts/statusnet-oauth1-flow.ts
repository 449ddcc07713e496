import { oauth1Header } from '../clients/oauth1.ts';

/** The consumer the user registered on their site (Settings > Connections > register an app). */
export interface OAuth1Consumer {
  consumerKey: string;
  consumerSecret: string;
}

/** A step of the OAuth 1.0a dance failed; the message is for the user, `step` for the field. */
export class OAuth1FlowError extends Error {
  override readonly name = 'OAuth1FlowError';
  constructor(
    readonly step: 'consumer' | 'consent' | 'network',
    message: string,
  ) {
    super(message);
  }
}

interface FlowDeps {
  /** The URL the site sends the browser back to (identity.getRedirectURL()). */
  callbackUrl: string;
  /** Shows the site's authorize page and resolves with the URL it redirected to. */
  consent: (authorizeUrl: string) => Promise<string>;
  fetch?: typeof fetch;
}

/**
 * The OAuth 1.0a round trip of StatusNet / GNU social (`oauth/request_token`, the user's
 * consent at `oauth/authorize`, `oauth/access_token`). Resolves with the access token pair the
 * bridge signs its calls with; the user's password is typed on their site, never here.
 */
export async function authorizeOAuth1(apiBase: string, consumer: OAuth1Consumer, deps: FlowDeps) {
  const request = await signedPost(
    `${apiBase}/oauth/request_token`,
    consumer,
    { oauth_callback: deps.callbackUrl },
    deps.fetch,
  );
  const requestToken = request.get('oauth_token');
  const requestSecret = request.get('oauth_token_secret');
  if (!requestToken || requestSecret === null) {
    throw new OAuth1FlowError('consumer', 'The site gave no request token: is OAuth enabled?');
  }

  const authorize = new URL(`${apiBase}/oauth/authorize`);
  authorize.searchParams.set('oauth_token', requestToken);
  const back = new URL(await deps.consent(authorize.toString())).searchParams;
  const verifier = back.get('oauth_verifier');
  if (back.get('oauth_token') !== requestToken || !verifier) {
    throw new OAuth1FlowError('consent', 'The site did not grant access to the bridge.');
  }

  const access = await signedPost(
    `${apiBase}/oauth/access_token`,
    { ...consumer, token: requestToken, tokenSecret: requestSecret },
    { oauth_verifier: verifier },
    deps.fetch,
  );
  const token = access.get('oauth_token');
  const tokenSecret = access.get('oauth_token_secret');
  if (!token || tokenSecret === null) {
    throw new OAuth1FlowError('consent', 'The site gave no access token after consent.');
  }
  return { token, tokenSecret };
}

/** A signed, form-encoded POST whose answer is form-encoded too (OAuth 1.0a section 6). */
async function signedPost(
  url: string,
  keys: Parameters<typeof oauth1Header>[0],
  params: Record<string, string>,
  fetchImpl: typeof fetch = fetch,
): Promise<URLSearchParams> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      credentials: 'omit',
      headers: { Authorization: oauth1Header(keys, { method: 'POST', url, params }) },
      body: new URLSearchParams(params),
      signal: AbortSignal.timeout(30_000),
    });
  } catch {
    throw new OAuth1FlowError('network', `${new URL(url).host} could not be reached.`);
  }

  const text = await response.text().catch(() => '');
  if (!response.ok) {
    // GNU social answers OAuth failures in plain text; keep its words, not a whole HTML page.
    const words = /^\s*</.test(text) ? `HTTP ${response.status}` : text.trim().slice(0, 200);
    throw new OAuth1FlowError(
      'consumer',
      `The site refused the consumer key and secret: ${words || `HTTP ${response.status}`}`,
    );
  }
  return new URLSearchParams(text.trim());
}
