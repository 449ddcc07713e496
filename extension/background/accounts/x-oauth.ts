import { z } from 'zod';
import { XApiError, xKindForStatus } from '../clients/x-error.ts';

/** What X's token endpoint answers (authorization code and refresh grants alike). */
export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().positive(),
  scope: z.string().optional(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/** OAuth 2.0 error bodies (RFC 6749 5.2), which X's token and revoke endpoints use. */
const oauthErrorSchema = z.looseObject({
  error: z.string().optional(),
  error_description: z.string().optional(),
});

async function postForm(apiBase: string, path: string, form: Record<string, string>) {
  try {
    return await fetch(new URL(path, apiBase), {
      method: 'POST',
      credentials: 'omit',
      body: new URLSearchParams(form),
      signal: AbortSignal.timeout(30_000),
    });
  } catch {
    throw new XApiError('network', 'X could not be reached');
  }
}

async function failure(response: Response, what: string): Promise<XApiError> {
  const body = oauthErrorSchema.safeParse(await response.json().catch(() => undefined));
  const words = body.success ? (body.data.error_description ?? body.data.error) : undefined;
  return new XApiError(
    xKindForStatus(response.status),
    `${what}: ${words ?? `HTTP ${response.status}`}`,
    response.status,
  );
}

/**
 * Calls `POST /2/oauth2/token` as a public client (the client id in the body, no secret).
 * Throws an XApiError with X's own words: `bad-request`/`auth` for a refused grant, `server`
 * or `network` for a failure worth retrying.
 */
export async function requestTokens(
  apiBase: string,
  grant: Record<string, string>,
): Promise<TokenResponse> {
  const response = await postForm(apiBase, '/2/oauth2/token', grant);
  if (!response.ok) throw await failure(response, 'X refused the token request');

  const body = tokenResponseSchema.safeParse(await response.json().catch(() => undefined));
  if (!body.success) {
    throw new XApiError('not-api', 'The X token endpoint answered something that is no token');
  }
  return body.data;
}

/** Calls `POST /2/oauth2/revoke` for one token (access or refresh). */
export async function revokeToken(apiBase: string, clientId: string, token: string) {
  const response = await postForm(apiBase, '/2/oauth2/revoke', { token, client_id: clientId });
  if (!response.ok) throw await failure(response, 'X refused to revoke the token');
}
