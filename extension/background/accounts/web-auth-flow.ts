import browser from 'webextension-polyfill';

/** The consent window closed or failed before the service redirected back to us. */
export class WebAuthFlowError extends Error {
  override readonly name = 'WebAuthFlowError';
}

/**
 * Where services send the browser back after consent: `https://<extension-id>.chromiumapp.org/`
 * in Chrome (the id is pinned by the manifest key, so it can be registered once), an
 * `extensions.allizom.org` URL in Firefox. The browser catches it; it is never loaded.
 */
export function redirectUrl(): string {
  return browser.identity.getRedirectURL();
}

/**
 * Opens `url` in the browser's own authorization window and resolves with the URL the service
 * redirected to. The window belongs to the service: passwords typed there never reach us.
 */
export async function launchWebAuthFlow(url: string, service: string): Promise<string> {
  try {
    return await browser.identity.launchWebAuthFlow({ url, interactive: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // Chrome's and Firefox's words for a window the user closed.
    if (/did not approve|cancel|closed/i.test(reason)) {
      throw new WebAuthFlowError(`The ${service} window was closed before access was granted.`);
    }
    if (/could not be loaded/i.test(reason)) {
      throw new WebAuthFlowError(
        `The ${service} authorization page could not be loaded. Check its address and that ` +
          'the service is up.',
      );
    }
    throw new WebAuthFlowError(`The ${service} authorization failed: ${reason}`);
  }
}
