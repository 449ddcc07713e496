import { siteServer } from '../domain/state.ts';
import type { Endpoint } from '../http/endpoint.ts';
import { sendData } from '../http/respond.ts';
import { plainXml } from '../render/xml.ts';

/**
 * `statusnet/config` (also `gnusocial/config`) as the captured 2.0.1 site answers it, with this
 * emulator's settings: text limit, uploads and their quota. The license image path really is
 * built on the request path.
 */
const config: Endpoint = {
  path: /(?:statusnet|gnusocial)\/config/,
  auth: 'none',
  handle(ctx) {
    const { settings } = ctx.state;
    const json = {
      site: {
        name: settings.siteName,
        server: siteServer(ctx.state),
        theme: 'neo-quitter',
        path: null,
        logo: null,
        fancy: true,
        language: 'en',
        email: null,
        broughtby: null,
        broughtbyurl: null,
        timezone: 'UTC',
        closed: false,
        inviteonly: false,
        private: false,
        textlimit: settings.textLimit,
        ssl: 'never',
        sslserver: null,
      },
      license: {
        type: 'cc',
        owner: null,
        url: 'https://creativecommons.org/licenses/by/3.0/',
        title: 'Creative Commons Attribution 3.0',
        image: `${ctx.req.url.pathname}/theme/licenses/cc_by_3.0_80x15.png`,
      },
      nickname: { featured: [] },
      profile: { biolimit: null },
      group: { desclimit: null },
      notice: { contentlimit: null },
      throttle: { enabled: false, count: 20, timespan: 600 },
      xmpp: { enabled: false, server: false, port: false, user: false },
      integration: { source: 'StatusNet' },
      attachments: { uploads: settings.uploads, file_quota: settings.fileQuota },
      url: { maxurllength: 100, maxnoticelength: -1 },
    };
    return sendData(ctx, json, () => plainXml('config', json));
  },
};

const helpTest: Endpoint = {
  path: /help\/test/,
  auth: 'none',
  handle: (ctx) => sendData(ctx, 'ok', () => plainXml('ok', true)),
};

export const siteEndpoints: Endpoint[] = [config, helpTest];
