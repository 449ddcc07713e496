import type { StatusNetAccount } from '../db-schema.ts';
import type { Settings } from '../settings.ts';

/** How the user proves who they are on their StatusNet site, as the connect form sends it. */
export type StatusNetCredentials =
  | { kind: 'basic'; username: string; password: string }
  /** The consumer the user registered on their site; the token comes from the authorize step. */
  | { kind: 'oauth1'; consumerKey: string; consumerSecret: string };

export interface StatusNetConnectRequest {
  role: StatusNetAccount['role'];
  /** The site as the user typed it: `social.example`, `https://social.example/api`, ... */
  server: string;
  credentials: StatusNetCredentials;
}

/** Who an account is connected as: all the page needs, no secret. */
export interface AccountSummary {
  screenName: string;
  name: string;
  profileUrl: string;
}

/**
 * Messages of the accounts and settings area (options page -> background). Failures come back
 * as `{error, field}`: `field` names the form field the message belongs beside, e.g. `server`,
 * `password`, `consumerKey`, `x` (the X account), or a settings path such as `relay.url`.
 */
export interface AccountMessages {
  'settings/save': { request: Settings; response: Settings };
  'accounts/statusnet-connect': { request: StatusNetConnectRequest; response: AccountSummary };
  'accounts/statusnet-disconnect': {
    request: { role: StatusNetAccount['role'] };
    response: { disconnected: boolean };
  };
  /** Checks the stored credentials again and refreshes who the account is (name, privacy). */
  'accounts/statusnet-check': {
    request: { role: StatusNetAccount['role'] };
    response: AccountSummary;
  };
  /** Runs the X consent flow (a window X controls) and stores the tokens. */
  'accounts/x-connect': { request: Record<string, never>; response: AccountSummary };
  /** Revokes the tokens at X and forgets them; `revoked` is false when X could not be told. */
  'accounts/x-disconnect': { request: Record<string, never>; response: { revoked: boolean } };
  /** Asks X who the token belongs to, refreshing it first if it is due (or X says 401). */
  'accounts/x-check': { request: Record<string, never>; response: AccountSummary };
}
