/**
 * What a user types as their StatusNet site, turned into the API roots worth probing. People
 * type `social.example`, `https://social.example/`, the API root itself, a page of the site, or
 * a site without fancy URLs (`/index.php/api`); all of them should work.
 */

/** A site address the bridge cannot use, with words for the field it came from. */
export class SiteUrlError extends Error {
  override readonly name = 'SiteUrlError';
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The site's URL as typed, with `https://` added when no scheme was given. */
export function parseSiteUrl(input: string): URL {
  const typed = input.trim();
  if (!typed) throw new SiteUrlError('Enter the address of your StatusNet or GNU social site.');

  let url: URL;
  try {
    url = new URL(SCHEME.test(typed) ? typed : `https://${typed}`);
  } catch {
    throw new SiteUrlError(`"${typed}" is not a web address, e.g. https://social.example.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new SiteUrlError('The site address must start with https:// (or http://).');
  }
  if (url.username || url.password) {
    // A password in the URL would be stored and shown as part of the address.
    throw new SiteUrlError('Leave the user name and password out of the address.');
  }
  return url;
}

/** The origin the extension needs host permission for, e.g. `https://social.example`. */
export function siteOrigin(input: string): string {
  return parseSiteUrl(input).origin;
}

/** The permission pattern for an origin, as `permissions.request` wants it. */
export function originPattern(origin: string): string {
  return `${origin}/*`;
}

/**
 * The API roots to probe for `input`, most likely first, without duplicates. An address that
 * already names the API (`.../api` or a method under it) yields that root only.
 */
export function apiRootCandidates(input: string): string[] {
  const url = parseSiteUrl(input);
  const path = url.pathname.replace(/\/+$/, '');

  const api = /^(.*?\/api)(?:\/|$)/.exec(path);
  if (api?.[1]) return [url.origin + api[1]];

  // A page of the site (`/main/public`, `/alice`) says nothing about where the site is rooted:
  // try the path as typed, then the origin, each with and without index.php.
  const bases = [path.replace(/\/index\.php$/, ''), ''];
  const roots = bases.flatMap((base) => [
    `${url.origin}${base}/api`,
    `${url.origin}${base}/index.php/api`,
  ]);
  return [...new Set(roots)];
}
