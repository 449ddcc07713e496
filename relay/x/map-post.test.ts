import { describe, expect, it } from 'vitest';
import { mapPost } from './map-post.ts';

const includes = {
  users: [
    { id: '2244994945', username: 'XDevelopers', name: 'Developers' },
    { id: '783214', username: 'X', name: 'X' },
  ],
  media: [
    { media_key: '3_1', type: 'photo', url: 'https://pbs.twimg.com/a.jpg', alt_text: 'a cat' },
    { media_key: '7_2', type: 'video', preview_image_url: 'https://pbs.twimg.com/b.jpg' },
    { media_key: '9_9', type: 'photo', url: 'https://pbs.twimg.com/other.jpg' },
  ],
  tweets: [{ id: '1500000000000000001', author_id: '783214', text: 'parent' }],
};

const tweet = {
  id: '1500000000000000002',
  text: 'Look https://t.co/abc',
  author_id: '2244994945',
  created_at: '2026-12-03T18:10:31.000Z',
  conversation_id: '1500000000000000001',
  edit_history_tweet_ids: ['1500000000000000002'],
  referenced_tweets: [{ type: 'replied_to', id: '1500000000000000001' }],
  entities: {
    urls: [
      {
        start: 5,
        end: 21,
        url: 'https://t.co/abc',
        expanded_url: 'https://example.com/a',
        display_url: 'example.com/a',
      },
    ],
    mentions: [{ start: 0, end: 3, username: 'X' }],
  },
  attachments: { media_keys: ['3_1', '7_2'] },
};

describe('mapPost', () => {
  it('flattens the post and its includes into a RelayPost', () => {
    expect(mapPost(tweet, includes)).toEqual({
      ok: true,
      post: {
        id: '1500000000000000002',
        authorId: '2244994945',
        authorUsername: 'XDevelopers',
        authorName: 'Developers',
        text: 'Look https://t.co/abc',
        createdAt: '2026-12-03T18:10:31.000Z',
        conversationId: '1500000000000000001',
        inReplyToUserId: '783214',
        references: [{ type: 'replied_to', id: '1500000000000000001' }],
        urls: [
          {
            start: 5,
            end: 21,
            url: 'https://t.co/abc',
            expandedUrl: 'https://example.com/a',
            displayUrl: 'example.com/a',
          },
        ],
        media: [
          { mediaKey: '3_1', type: 'photo', url: 'https://pbs.twimg.com/a.jpg', altText: 'a cat' },
          { mediaKey: '7_2', type: 'video', previewImageUrl: 'https://pbs.twimg.com/b.jpg' },
        ],
      },
    });
  });

  it('prefers in_reply_to_user_id when X gives it', () => {
    const result = mapPost({ ...tweet, in_reply_to_user_id: '2244994945' }, includes);
    expect(result.ok && result.post.inReplyToUserId).toBe('2244994945');
  });

  it('maps a plain post with no includes but its author', () => {
    const result = mapPost(
      { id: '5', text: 'hi', author_id: '783214', created_at: '2026-01-01T00:00:00.000Z' },
      { users: includes.users },
    );
    expect(result).toMatchObject({ ok: true, post: { references: [], urls: [], media: [] } });
  });

  it('skips a post whose author is not in includes', () => {
    expect(mapPost(tweet, { users: [] })).toEqual({
      ok: false,
      reason: 'includes: no user 2244994945',
    });
  });

  it('skips a post that is not one, naming the field', () => {
    expect(mapPost({ id: 12, text: 'x' }, includes)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('id'),
    });
    expect(mapPost({ ...tweet, author_id: 'not-an-id' }, includes)).toMatchObject({ ok: false });
  });

  it('skips a post that breaks the protocol limits', () => {
    const result = mapPost({ ...tweet, text: 'x'.repeat(30_000) }, includes);
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('text') });
  });
});
