import { handleError } from '../errors.ts';
import type { GnuSocialState, User } from './state.ts';
import { userByNickname } from './state.ts';

export interface NewUser {
  nickname: string;
  password: string;
  fullname?: string | undefined;
  email?: string | undefined;
  protected?: boolean | undefined;
}

// Paths of the site itself cannot be nicknames (`Nickname::isBlacklisted` / reserved paths).
const reserved = new Set([
  'api',
  'main',
  'settings',
  'search',
  'tag',
  'user',
  'attachment',
  'file',
]);

/**
 * Registers a local account, with the checks (and words) of `account/register`. Users are
 * numbered from 1 in creation order, as GNU social's profile ids are.
 */
export function createUser(state: GnuSocialState, input: NewUser): User {
  const nickname = assertNewNickname(state, input.nickname);
  assertPassword(input.password);

  const user: User = {
    id: state.next.user++,
    nickname,
    password: input.password,
    fullname: input.fullname?.trim() ?? '',
    email: input.email ?? null,
    protected: input.protected ?? false,
    createdAt: state.now(),
  };
  state.users.set(user.id, user);
  return user;
}

/** The canonical form of a nickname nobody has yet, or the reason it cannot be had. */
export function assertNewNickname(state: GnuSocialState, wanted: string): string {
  const nickname = wanted.trim().toLowerCase();
  if (!/^[a-z0-9]{1,64}$/.test(nickname)) {
    throw handleError(400, 'Nickname must have only lowercase letters and numbers and no spaces.');
  }
  if (reserved.has(nickname)) throw handleError(400, 'Not a valid nickname.');
  if (userByNickname(state, nickname)) {
    throw handleError(400, 'Nickname already in use. Try another one.');
  }
  return nickname;
}

export function assertPassword(password: string): void {
  if (password.length < 6) throw handleError(400, 'Password must be 6 or more characters.');
}

/** `common_check_user()`: nickname (any case) and password. */
export function checkPassword(
  state: GnuSocialState,
  nickname: string,
  password: string,
): User | undefined {
  const user = userByNickname(state, nickname);
  return user && user.password === password ? user : undefined;
}
