import { ClientError } from '../errors.ts';
import { mbStrlen, phpTruthy } from './php.ts';
import type { GnuSocialState, User } from './state.ts';
import { userByNickname } from './state.ts';
import { follow, subscription, unfollow, isSubscribed } from './subscriptions.ts';

/**
 * A command word at the start of a notice, as `CommandInterpreter::handle_command` (and the
 * Favorite, Share and DirectMessage plugins) read it. A recognised command is never posted.
 * Through the API only a few are executed (`ApiStatusesUpdateAction::supported()`: sub, unsub,
 * on, off, join, leave, and the DM plugin's message); the others are swallowed, and either way
 * the API answers with the user's latest notice (captured:
 * `statuses_update_bob_text_starting_with_command_word_reply`).
 */
export type Command =
  | { kind: 'sub' | 'unsub' | 'join'; other: string }
  | { kind: 'on' | 'off'; other: string | null }
  | { kind: 'message'; other: string; text: string }
  | { kind: 'swallowed'; word: string };

/** `CommandInterpreter::split_arg`. */
function split(text: string | null): [string, string | null] {
  const source = text ?? '';
  const space = source.indexOf(' ');
  return space < 0 ? [source, null] : [source.slice(0, space), source.slice(space + 1)];
}

/** One word and nothing after it (PHP truthiness: a trailing `0` counts as nothing). */
function single(arg: string | null): string | null {
  if (!phpTruthy(arg)) return null;
  const [other, extra] = split(arg);
  return phpTruthy(extra) ? null : other;
}

/** A word and some text after it. */
function pair(arg: string | null): [string, string] | null {
  const [other, extra] = split(arg);
  return phpTruthy(arg) && phpTruthy(extra) ? [other, extra] : null;
}

const noArgument = ['help', 'login', 'subscribers', 'subscriptions', 'groups', 'stats'];
const oneWord = ['lose', 'drop', 'whois', 'nudge', 'invite', 'track', 'untrack', 'fav'];
const repeatWords = ['repeat', 'rp', 'rt', 'rd'];

/** The command `text` starts with, or null when it is to be posted as a notice. */
export function interpretCommand(text: string): Command | null {
  const [word, arg] = split(text.trim().replace(/\s+/g, ' '));
  const cmd = word.toLowerCase();
  const swallowed: Command = { kind: 'swallowed', word: cmd };

  if (noArgument.includes(cmd) || cmd === 'tracks' || cmd === 'tracking') {
    return phpTruthy(arg) ? null : swallowed;
  }
  if (oneWord.includes(cmd) || repeatWords.includes(cmd)) return single(arg) ? swallowed : null;

  switch (cmd) {
    case 'on':
    case 'off':
      if (!phpTruthy(arg)) return { kind: cmd, other: null };
      return single(arg) === null ? null : { kind: cmd, other: split(arg)[0] };
    case 'stop':
    case 'quit':
      return phpTruthy(arg) ? null : { kind: 'off', other: null };
    case 'join':
    case 'follow':
    case 'sub':
    case 'leave':
    case 'unsub': {
      const other = single(arg);
      if (other === null) return null;
      const kind = cmd === 'join' ? 'join' : cmd === 'follow' || cmd === 'sub' ? 'sub' : 'unsub';
      return { kind, other };
    }
    case 'get':
    case 'last':
      // The interpreter overwrites its own "no argument" null here: `last` alone is a command.
      return phpTruthy(split(arg)[1]) ? null : swallowed;
    case 'r':
    case 'reply':
    case 'list':
    case 'tag':
    case 'unlist':
    case 'untag':
      return pair(arg) ? swallowed : null;
    case 'd':
    case 'dm': {
      const parts = pair(arg);
      return parts ? { kind: 'message', other: parts[0], text: parts[1] } : null;
    }
    default:
      return null;
  }
}

/**
 * Runs a command as the API would. Failures go to the user's "channel", which the API drops:
 * the answer is the latest notice whether the command worked or not.
 */
export function executeCommand(state: GnuSocialState, user: User, command: Command): void {
  try {
    run(state, user, command);
  } catch (error) {
    if (!(error instanceof ClientError)) throw error;
  }
}

function run(state: GnuSocialState, user: User, command: Command): void {
  const target = 'other' in command && command.other ? lookup(state, command.other) : undefined;

  switch (command.kind) {
    case 'sub':
      if (target) follow(state, user, target);
      return;
    case 'unsub':
      if (target) unfollow(state, user, target);
      return;
    case 'on':
    case 'off': {
      const sub = target && subscription(state, user.id, target.id);
      if (sub) sub.notify = command.kind === 'on';
      return;
    }
    case 'message':
      if (!target || !isSubscribed(state, user.id, target.id)) return;
      if (!isSubscribed(state, target.id, user.id) || user.id === target.id) return;
      if (state.settings.textLimit > 0 && mbStrlen(command.text) > state.settings.textLimit) return;
      state.messages.push({
        id: state.next.message++,
        fromId: user.id,
        toId: target.id,
        text: command.text,
        createdAt: state.now(),
      });
      return;
    case 'join':
    case 'swallowed':
      // No groups on this emulator, and swallowed commands do nothing through the API.
      return;
  }
}

function lookup(state: GnuSocialState, nickname: string): User | undefined {
  return userByNickname(state, nickname.replace(/^@/, ''));
}
