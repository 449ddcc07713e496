import { describe, expect, it } from 'vitest';
import { startsWithCommand } from './gnusocial-commands.ts';

// ../shared/fixtures/gnusocial-api/statuses_update_bob_text_starting_with_command_word_reply.txt:
// `reply without mention`, sent through statuses/update, ran as a command and posted nothing.
describe('startsWithCommand', () => {
  it.each(['reply 3 hi', 'd alice hi', 'follow bob', 'FAV 3', '  rt 4', 'help', 'on'])(
    'reads %j as a command, as GNU social would',
    (text) => {
      expect(startsWithCommand(text)).toBe(true);
    },
  );

  it.each(['replying to you', 'hello d', '(@d): hi', '“follow” me', ''])(
    'reads %j as a plain notice',
    (text) => {
      expect(startsWithCommand(text)).toBe(false);
    },
  );

  it('splits at any space, wider than PHP, to err on the safe side', () => {
    expect(startsWithCommand('d\u00a0alice hi')).toBe(true);
  });
});
