/**
 * HTTP Basic credentials as `ApiAuthAction::basicAuthProcessHeader` reads them: the header
 * must start with `Basic`, and an empty nickname counts as no credentials at all.
 */
export function basicCredentials(
  header: string | null,
): { nickname: string; password: string } | null {
  if (!header?.startsWith('Basic')) return null;

  let decoded: string;
  try {
    decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  } catch {
    return null;
  }
  const colon = decoded.indexOf(':');
  const nickname = colon < 0 ? decoded : decoded.slice(0, colon);
  const password = colon < 0 ? '' : decoded.slice(colon + 1);
  return nickname === '' ? null : { nickname, password };
}

/** The realm GNU social names in `WWW-Authenticate`: the site name and " API". */
export function basicChallenge(siteName: string): Record<string, string> {
  return { 'WWW-Authenticate': `Basic realm="${siteName} API"` };
}
