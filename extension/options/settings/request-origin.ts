import browser from 'webextension-polyfill';

/**
 * Asks the user for access to `origin` (an optional host permission). Call it first thing in
 * a click or submit handler: the browser shows its prompt only during the user's gesture, which
 * the first `await` ends. Resolves false when the user declines or the address is unusable.
 */
export function requestOrigin(origin: string): Promise<boolean> {
  try {
    return browser.permissions.request({ origins: [`${origin}/*`] }).catch(() => false);
  } catch {
    return Promise.resolve(false);
  }
}

/** The origin of `url`, or undefined when it is no http(s) URL. */
export function httpOrigin(url: string): string | undefined {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}
