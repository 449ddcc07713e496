import browser from 'webextension-polyfill';
import { z } from 'zod';
import type { StatusNetAccount, StatusNetAuth } from '../../shared/db-schema.ts';
import type { Db } from '../../shared/db.ts';
import type { AccountSummary, StatusNetConnectRequest } from '../../shared/messages/accounts.ts';
import { logActivity } from '../../shared/activity.ts';
import { createStatusNetClient, type StatusNetClient } from '../clients/statusnet-client.ts';
import { UserFacingError } from '../router.ts';
import { getStatusNetAccount, putAccount } from './accounts-store.ts';
import { discoverApiRoot } from './api-root-discovery.ts';
import { toUserFacing } from './connect-errors.ts';
import { originPattern, siteOrigin } from './site-url.ts';
import { authorizeOAuth1 } from './statusnet-oauth1-flow.ts';
import { launchWebAuthFlow, redirectUrl } from './web-auth-flow.ts';

const required = (what: string) => z.string().trim().min(1, `Enter the ${what}.`);

/** The connect form as the background trusts it: every field checked again here. */
const connectRequestSchema = z.object({
  role: z.enum(['statusnet', 'import']),
  server: required('address of your StatusNet site'),
  credentials: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('basic'),
      username: required('user name'),
      // Passwords are taken as typed: spaces at either end may be part of them.
      password: z.string().min(1, 'Enter the password.'),
    }),
    z.object({
      kind: z.literal('oauth1'),
      consumerKey: required('consumer key'),
      consumerSecret: required('consumer secret'),
    }),
  ]),
});

/** Without a text limit from the site, assume the oldest one: too short never fails a post. */
const FALLBACK_TEXT_LIMIT = 140;

/**
 * Connects a StatusNet account: finds the site's API, gets credentials (the password as given,
 * or an OAuth 1.0a token after the user's consent on their site), checks them with
 * `account/verify_credentials`, and stores the account only once all of that worked.
 */
export async function connectStatusNet(db: Db, input: unknown): Promise<AccountSummary> {
  const request = parseRequest(input);
  try {
    const origin = siteOrigin(request.server);
    // The page asked for the site's origin in the click; without it every fetch would fail.
    if (!(await browser.permissions.contains({ origins: [originPattern(origin)] }))) {
      throw new UserFacingError(
        `The bridge may not reach ${origin} yet: click Connect and allow access when asked.`,
        'server',
      );
    }

    const apiBase = await discoverApiRoot(request.server);
    const auth = await credentialsFor(apiBase, request);
    const client = createStatusNetClient({ apiBase, auth });
    const user = await client.verifyCredentials();
    await refuseSameAccountTwice(db, request.role, apiBase, user.id);

    const account: StatusNetAccount = {
      role: request.role,
      apiBase,
      auth,
      userId: user.id,
      screenName: user.screen_name,
      name: user.name,
      profileUrl: user.statusnet_profile_url ?? `${origin}/${user.screen_name}`,
      protected: user.protected,
      textLimit: await textLimit(db, client),
      connectedAt: Date.now(),
    };
    await putAccount(db, account);
    await logConnected(db, account);
    return { screenName: account.screenName, name: account.name, profileUrl: account.profileUrl };
  } catch (error) {
    throw toUserFacing(error, request.credentials.kind === 'basic' ? 'password' : 'consumerKey');
  }
}

function parseRequest(input: unknown): StatusNetConnectRequest {
  const parsed = connectRequestSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new UserFacingError(
    issue?.message ?? 'The form is incomplete.',
    String(issue?.path.at(-1)),
  );
}

async function credentialsFor(apiBase: string, request: StatusNetConnectRequest) {
  const given = request.credentials;
  if (given.kind === 'basic') return given satisfies StatusNetAuth;

  const token = await authorizeOAuth1(apiBase, given, {
    callbackUrl: redirectUrl(),
    consent: (url) => launchWebAuthFlow(url, 'StatusNet'),
  });
  return { ...given, ...token } satisfies StatusNetAuth;
}

/** Imported posts written as the user themself would flood their own followers. */
async function refuseSameAccountTwice(db: Db, role: string, apiBase: string, userId: number) {
  const other = await getStatusNetAccount(db, role === 'import' ? 'statusnet' : 'import');
  if (other?.apiBase === apiBase && other.userId === userId) {
    throw new UserFacingError(
      `@${other.screenName} is already connected as the ${role === 'import' ? 'StatusNet' : 'import'} account: the import account must be a separate account.`,
      'form',
    );
  }
}

async function textLimit(db: Db, client: StatusNetClient): Promise<number> {
  try {
    return (await client.siteConfig()).site.textlimit;
  } catch {
    await logActivity(db, {
      level: 'warn',
      area: 'account',
      message: `The site's text limit could not be read; notices will be kept to ${FALLBACK_TEXT_LIMIT} characters.`,
    });
    return FALLBACK_TEXT_LIMIT;
  }
}

async function logConnected(db: Db, account: StatusNetAccount) {
  const host = new URL(account.apiBase).host;
  const which = account.role === 'import' ? 'import account' : 'StatusNet account';
  await logActivity(db, {
    level: 'info',
    area: 'account',
    message: `Connected the ${which} @${account.screenName}@${host}.`,
  });
  if (account.role === 'import' && !account.protected) {
    await logActivity(db, {
      level: 'warn',
      area: 'account',
      message: `The import account's stream is public: imported posts would federate as the site's own. Make the import account's stream private in its settings.`,
    });
  }
}
