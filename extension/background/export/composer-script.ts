/// <reference types="@crxjs/vite-plugin/client" />
import browser from 'webextension-polyfill';
import type { Db } from '../../shared/db.ts';
import { getStatusNetAccount } from '../accounts/accounts-store.ts';
// `?script&iife`: crxjs builds the content script as one self-contained file (no loader) and
// gives its path, which is what registerContentScripts wants.
// TODO [2027-01-01]: crxjs also lists that file under web_accessible_resources for every http(s)
// site, which lets any page detect the extension. Lift it once crxjs can leave dynamic IIFE
// scripts out of web_accessible_resources (or with a post-build manifest step of our own).
import composerFile from '../../content/composer.ts?script&iife';

const SCRIPT_ID = 'bridge-composer';

/** The origin pattern of the user's StatusNet site, whose web UI gets the composer switch. */
async function sitePattern(db: Db): Promise<string | undefined> {
  const account = await getStatusNetAccount(db, 'statusnet');
  return account ? `${new URL(account.apiBase).origin}/*` : undefined;
}

/**
 * Registers the composer content script for the user's site once the extension may run there
 * (the site's host permission, granted when the account was connected), moves it when the site
 * changes, and removes it when the account or the permission goes. Registered scripts persist
 * across browser restarts; this runs at every start anyway, to catch changes made meanwhile.
 */
export async function syncComposerScript(db: Db): Promise<void> {
  const pattern = await sitePattern(db);
  const granted = pattern ? await browser.permissions.contains({ origins: [pattern] }) : false;
  const [existing] = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });

  if (!pattern || !granted) {
    if (existing) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
    return;
  }
  const script = {
    id: SCRIPT_ID,
    matches: [pattern],
    js: [composerFile],
    runAt: 'document_idle' as const,
  };
  if (!existing) await browser.scripting.registerContentScripts([script]);
  else if (existing.matches?.[0] !== pattern || existing.js?.[0] !== composerFile) {
    await browser.scripting.updateContentScripts([script]);
  }
}

/** Whether a message comes from the user's StatusNet site (or from the extension's own pages). */
export async function fromSiteOrExtension(db: Db, senderUrl: string | undefined): Promise<boolean> {
  if (!senderUrl) return false;
  const url = new URL(senderUrl);
  if (url.origin === new URL(browser.runtime.getURL('/')).origin) return true;
  const pattern = await sitePattern(db);
  return pattern !== undefined && `${url.origin}/*` === pattern;
}
