import { follow } from '../domain/subscriptions.ts';
import { assertNewNickname, assertPassword, createUser } from '../domain/users.ts';
import { ClientError, handleError } from '../errors.ts';
import { randomKey } from '../http/oauth1.ts';
import { targetUser } from '../http/args.ts';
import type { Endpoint } from '../http/endpoint.ts';
import { trimmed } from '../http/request.ts';
import { sendUser } from '../http/respond.ts';

/** `account/verify_credentials`: the user, with their latest notice as `status`. */
const verifyCredentials: Endpoint = {
  path: /account\/verify_credentials/,
  auth: 'required',
  readOnly: () => true,
  // Authentication is required, so there is a viewer.
  handle: (ctx) => sendUser(ctx, ctx.viewer!, true),
};

/** Registering logs the new user in: PHP's session headers come with the answer. */
function sessionHeaders(): Record<string, string> {
  return {
    'Set-Cookie': `PHPSESSID=${randomKey(13)}; path=/`,
    Expires: 'Thu, 19 Nov 1981 08:52:00 GMT',
    'Cache-Control': 'no-store, no-cache, must-revalidate',
    Pragma: 'no-cache',
  };
}

/**
 * `account/register`, open registration. With the `registerMailFails` quirk the account is
 * created and the answer is nevertheless 400 "mail() returned failure" (captured for bob).
 */
const register: Endpoint = {
  path: /account\/register/,
  needPost: true,
  auth: 'none',
  handle(ctx) {
    const { state, req } = ctx;
    const nickname = assertNewNickname(state, trimmed(req, 'nickname'));
    const email = trimmed(req, 'email');
    if (email !== '' && !/^[^@\s]+@[^@\s]+$/.test(email)) {
      throw handleError(400, 'Not a valid email address.');
    }
    if (email !== '' && [...state.users.values()].some((u) => u.email === email)) {
      throw handleError(400, 'Email address already exists.');
    }
    const password = req.args.password ?? '';
    assertPassword(password);
    if (password !== (req.args.confirm ?? '')) throw handleError(400, "Passwords don't match.");

    const user = createUser(state, {
      nickname,
      password,
      fullname: trimmed(req, 'fullname'),
      email: email === '' ? undefined : email,
    });
    if (email !== '' && state.settings.quirks.registerMailFails) {
      throw new ClientError(400, 'mail() returned failure', 'handle', sessionHeaders());
    }
    const response = sendUser(ctx, user, true);
    for (const [name, value] of Object.entries(sessionHeaders())) response.headers.set(name, value);
    return response;
  },
};

/** `friendships/create`: the followed user, with their latest notice. */
const friendshipsCreate: Endpoint = {
  path: /friendships\/create(?:\/(?<id>[^/]+))?/,
  needPost: true,
  auth: 'required',
  handle(ctx) {
    // With nobody named, GNU social targets the caller, who is "already on your list".
    const other = targetUser(ctx);
    if (!other) throw handleError(403, 'Could not follow user: User not found.');
    // Authentication is required, so there is a viewer.
    follow(ctx.state, ctx.viewer!, other);
    return sendUser(ctx, other, true);
  },
};

export const accountEndpoints: Endpoint[] = [verifyCredentials, register, friendshipsCreate];
