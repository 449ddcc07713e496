import type { Consumer, GnuSocialState, User } from '../domain/state.ts';
import type { ApiRequest } from './request.ts';

export type Format = 'json' | 'xml';

/** Everything an API action knows once `prepare()` has authenticated the request. */
export interface ApiContext {
  state: GnuSocialState;
  req: ApiRequest;
  format: Format;
  /** The authenticated user (`$this->scoped`), null for anonymous reads. */
  viewer: User | null;
  access: 'read' | 'read-write';
  /** `source` of notices made by this request: the client's, `api`, or the OAuth app's name. */
  source: string;
  app: Consumer | null;
}

/** `requiresAuth()`: always, never, or only when no user is named in the request. */
export type AuthNeed = 'required' | 'optional' | 'unless-user-named' | 'none';

/**
 * One API action. `path` matches what follows `/api/` and precedes `.json` / `.xml`; its named
 * groups become arguments, under the request's own (PHP's `$_REQUEST` wins over the route).
 * Errors thrown with `prepareError()` answer without the CORS header, `handleError()` with it.
 */
export interface Endpoint {
  path: RegExp;
  /** `$needPost`: anything but POST gets the bare HTML 405, before authentication. */
  needPost?: boolean;
  auth: AuthNeed;
  /** Whether a read-only OAuth token may call it (`isReadOnly()`); default: only for GET. */
  readOnly?: (method: string) => boolean;
  handle(ctx: ApiContext): Response | Promise<Response>;
}

export function userNamed(req: ApiRequest): boolean {
  return ['id', 'user_id', 'screen_name'].some((key) => (req.args[key] ?? '') !== '');
}
