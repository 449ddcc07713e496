import { defineManifest } from '@crxjs/vite-plugin';
import pkg from '../package.json' with { type: 'json' };

/** Which store build this is; vite.config.ts passes it from the BRIDGE_BROWSER variable. */
export type TargetBrowser = 'chrome' | 'firefox';

/**
 * The public half of the key the Chrome build is signed with. Pinning it pins the extension id
 * (jcbiihdldjopkchahekpmoepchfohbgm), and with it the OAuth redirect URL registered with X:
 * https://jcbiihdldjopkchahekpmoepchfohbgm.chromiumapp.org/
 */
const CHROME_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAxy099xn5n4JGP98YiQLBJuA2Zc3L55yttbrgMZgUXoDXrmvzbkuUNjxy4OFDafMbqKA8XzahvMY/tRPiKB+8u7i9IeeovipfpTvfeXZDyqIk1gVNSXLqJFdagIRyxIwLMvauJtpGEkhRYqCwyN/vIL/bpL2wCMtPAv2syiVX2T+crqNBornyau+1dJplsaACdZA2YUli4/4JEjn42Q2G3GxqJ+f4PqLNbhx2/CVYftskkwxC+XkuN/N+Daldlwj4ZCDXPuibL0yIMllfJUdIVbkyAKKbvAOs5UC2WKCJJLeeec7tgZE1X6aM4P4xMVQ2NuT7aqSSZsF0DlMpb3ts9wIDAQAB';

/** Firefox's stable id, which also fixes its identity redirect URL. */
export const GECKO_ID = 'statusnet-x-bridge@bridge.gnusocial.example';

export function manifestFor(browser: TargetBrowser) {
  return defineManifest({
    manifest_version: 3,
    name: 'StatusNet–X Bridge',
    short_name: 'SN–X Bridge',
    version: pkg.version,
    description:
      'Mirror your StatusNet / GNU social notices to X, and bring the posts you follow on X home.',
    icons: {
      16: 'extension/icons/icon-16.png',
      48: 'extension/icons/icon-48.png',
      128: 'extension/icons/icon-128.png',
    },
    action: { default_title: 'StatusNet–X Bridge' },
    options_ui: { page: 'extension/options/index.html', open_in_tab: true },
    background:
      browser === 'chrome'
        ? { service_worker: 'extension/background/main.ts', type: 'module' }
        : // Firefox MV3 has no service workers for extensions yet: an event page does the job.
          { scripts: ['extension/background/main.ts'], type: 'module' },
    permissions: ['alarms', 'identity', 'scripting', 'storage', 'unlimitedStorage'],
    // X's API and its image host (photos of imported posts, docs/media.md) are fixed; the
    // StatusNet site, a local X emulator and the relay are asked for at the moment the user
    // names them (permissions.request), so nothing else is granted up front.
    host_permissions: ['https://api.x.com/*', 'https://upload.x.com/*', 'https://pbs.twimg.com/*'],
    optional_host_permissions: ['*://*/*'],
    ...(browser === 'chrome'
      ? { key: CHROME_KEY, minimum_chrome_version: '120' }
      : {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '128.0',
              // Notices and posts travel to X and StatusNet, the services the user connects,
              // and followed ids to the relay the user names; nothing goes to us.
              data_collection_permissions: { required: ['personalCommunications'] },
            },
          },
          // Firefox's default MV3 policy carries upgrade-insecure-requests, which would silently
          // turn a ws://127.0.0.1 relay (a local or LAN operator) into wss:// and fail.
          content_security_policy: { extension_pages: "script-src 'self'" },
        }),
  });
}
