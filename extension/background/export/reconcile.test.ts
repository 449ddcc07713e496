import { describe, expect, it } from 'vitest';
import { comparableText, findOwnPost } from './reconcile.ts';
import { testWorld } from './testing.ts';

describe('comparableText', () => {
  it('sees through t.co links, HTML entities and folded whitespace, as X returns text', () => {
    expect(comparableText('a & b <c>  see https://example.com/x')).toBe(
      comparableText('a &amp; b &lt;c&gt; see https://t.co/AbCdEf123'),
    );
    expect(comparableText('one')).not.toBe(comparableText('two'));
  });
});

describe('findOwnPost', () => {
  it('finds the post an attempt of unknown outcome made, by its text', async () => {
    const world = await testWorld();
    const made = world.x.post(world.me.id, { text: 'did it go? https://social.example/notice/1' });
    const query = {
      userId: world.me.id,
      text: 'did it go? https://social.example/notice/1',
      attemptedAt: Date.now(),
      slackMs: 60_000,
      isClaimed: async () => false,
    };
    expect(await findOwnPost(world.session.client, query)).toBe(made.id);
  });

  it('does not take a post already linked to another notice, nor one older than the attempt', async () => {
    const world = await testWorld();
    const made = world.x.post(world.me.id, { text: 'same words' });
    const query = { userId: world.me.id, text: 'same words', slackMs: 0 };
    const claimed = {
      ...query,
      attemptedAt: Date.now() - 1_000,
      isClaimed: async (id: string) => id === made.id,
    };
    expect(await findOwnPost(world.session.client, claimed)).toBeUndefined();

    const later = { ...query, attemptedAt: Date.now() + 60_000, isClaimed: async () => false };
    expect(await findOwnPost(world.session.client, later)).toBeUndefined();
  });
});
