/**
 * The fields and expansions the relay asks X for, on the stream and on search alike, so that
 * a post reads the same whichever way it came: everything `RelayPost` carries, nothing more
 * (X bills reads by the post, not by the field, but smaller lines are quicker to read).
 *
 * Known shortcoming (docs/relay.md): no `note_tweet`, so posts over 280 characters come with
 * X's truncated `text`; add it when the protocol carries the full text.
 */
export const POST_FIELDS = {
  'tweet.fields':
    'created_at,author_id,conversation_id,in_reply_to_user_id,referenced_tweets,entities,attachments',
  expansions: 'author_id,attachments.media_keys,referenced_tweets.id',
  'user.fields': 'username,name',
  'media.fields': 'type,url,preview_image_url,alt_text',
} as const;
