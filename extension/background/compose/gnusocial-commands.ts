/**
 * First words that GNU social runs as a command instead of posting the text, in lower case: its
 * CommandInterpreter (StatusNet 0.9 to GNU social 2.x and postActiv) and the commands that its
 * DirectMessage (`d`, `dm`), Favorite (`fav`) and Repeat plugins add. `unfollow` is not in any
 * of them but is listed to be safe: a word too many only costs an attribution its display name.
 */
export const GNU_SOCIAL_COMMANDS: ReadonlySet<string> = new Set([
  'd',
  'dm',
  'drop',
  'fav',
  'follow',
  'get',
  'groups',
  'help',
  'invite',
  'join',
  'last',
  'leave',
  'list',
  'login',
  'lose',
  'nudge',
  'off',
  'on',
  'quit',
  'r',
  'rd',
  'repeat',
  'reply',
  'rp',
  'rt',
  'stats',
  'stop',
  'sub',
  'subscribers',
  'subscriptions',
  'tag',
  'track',
  'tracking',
  'tracks',
  'unfollow',
  'unlist',
  'unsub',
  'untag',
  'untrack',
  'whois',
]);

/**
 * The word GNU social reads as a command: it trims the text and splits it at the first space.
 * Splitting at any Unicode space, where PHP only knows ASCII ones, errs on the safe side.
 */
export function firstWord(text: string): string {
  return text.trim().split(/\s/, 1)[0]!.toLowerCase();
}

/** Whether GNU social would run the text as a command rather than post it. */
export function startsWithCommand(text: string): boolean {
  return GNU_SOCIAL_COMMANDS.has(firstWord(text));
}
