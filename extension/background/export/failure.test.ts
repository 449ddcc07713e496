import { describe, expect, it } from 'vitest';
import type { OutboxAction, OutboxEntry } from '../../shared/db-schema.ts';
import { XApiError } from '../clients/x-error.ts';
import { backoffDelay, planFailure } from './failure.ts';
import { tuningSchema } from './tuning.ts';

const tuning = tuningSchema.parse({ backoffBaseMs: 1_000, backoffMaxMs: 60_000 });
const NOW = 1_000_000;

const entry = (action: OutboxAction, fields: Partial<OutboxEntry> = {}): OutboxEntry => ({
  seq: 1,
  noticeId: 1,
  noticeUrl: 'https://social.example/notice/1',
  action,
  state: 'pending',
  attempts: 1,
  notBefore: 0,
  createdAt: NOW - 1_000,
  ...fields,
});
const post = entry({ type: 'post', text: 'hello' });
const plan = (e: OutboxEntry, error: unknown, refreshedAlready = false) =>
  planFailure(e, error, { now: NOW, tuning, refreshedAlready });

describe('planFailure', () => {
  it('waits for x-rate-limit-reset after a 429, pausing everything until then', () => {
    const result = plan(post, new XApiError('rate-limit', 'Too Many Requests', 429, NOW + 90_000));
    expect(result).toMatchObject({
      kind: 'pause',
      pause: { reason: 'rate-limit', until: NOW + 90_000 },
    });
  });

  it('backs off after a 5xx or a lost answer, taking the outcome as unknown (X may have acted)', () => {
    const result = plan(post, new XApiError('server', 'Service Unavailable', 503));
    expect(result).toMatchObject({ kind: 'retry', unknown: true });
    const like = plan(
      entry({ type: 'like', xPostId: '1' }),
      new XApiError('network', 'X timed out'),
    );
    expect(like).toMatchObject({ kind: 'retry', unknown: true });
  });

  it('refreshes the token once after a 401, then asks the user to reconnect X', () => {
    const error = new XApiError('auth', 'Unauthorized', 401);
    expect(plan(post, error)).toMatchObject({ kind: 'refresh' });
    expect(plan(post, error, true)).toMatchObject({
      kind: 'pause',
      pause: { reason: 'reconnect' },
    });
  });

  it('pauses with "credits depleted" after a 402, probing again later', () => {
    const result = plan(
      post,
      new XApiError('credits', 'Your enrolled account [1] does not have any credits', 402),
    );
    expect(result).toMatchObject({
      kind: 'pause',
      pause: { reason: 'credits', until: NOW + tuning.creditsProbeMs },
    });
    expect(result.kind === 'pause' && result.pause.message).toMatch(/credits depleted/);
  });

  it("reads a 403 on a like or a reply as X's policy refusing that kind", () => {
    const refused = new XApiError(
      'forbidden',
      'You currently have access to a subset of X API V2 endpoints',
      403,
    );
    expect(plan(entry({ type: 'like', xPostId: '1' }), refused)).toMatchObject({
      kind: 'refused',
      refusal: 'likes',
    });
    const reply = entry({ type: 'post', text: 'hi', replyToPostId: '9' });
    expect(plan(reply, refused)).toMatchObject({ kind: 'refused', refusal: 'replies' });
    expect(plan(post, refused)).toMatchObject({ kind: 'fail' });
  });

  it('looks for the post rather than failing when X calls it a duplicate', () => {
    const duplicate = new XApiError(
      'forbidden',
      'You are not allowed to create a Tweet with duplicate content.',
      403,
    );
    expect(plan(post, duplicate)).toMatchObject({ kind: 'duplicate' });
  });

  it("fails a 400 permanently with X's own words", () => {
    const result = plan(post, new XApiError('bad-request', 'Your Tweet text is too long.', 400));
    expect(result).toEqual({ kind: 'fail', message: 'Your Tweet text is too long.' });
  });

  it('takes a 404 on an undoing action as done: the post is gone already', () => {
    expect(
      plan(entry({ type: 'delete', xPostId: '1' }), new XApiError('not-found', 'Not Found', 404)),
    ).toEqual({
      kind: 'gone',
    });
  });

  it('gives up on a retryable failure only after days', () => {
    const old = entry(
      { type: 'post', text: 'x' },
      { createdAt: NOW - tuning.giveUpAfterMs - 1, attempts: 40 },
    );
    expect(plan(old, new XApiError('server', 'Internal Error', 500))).toMatchObject({
      kind: 'fail',
      message: expect.stringMatching(/^Gave up after 40 attempts over 7 days/),
    });
  });
});

describe('backoffDelay', () => {
  it('doubles with every attempt, with jitter, up to the limit', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, tuning, middle))).toEqual([
      1_000, 2_000, 4_000, 8_000,
    ]);
    expect(backoffDelay(30, tuning, middle)).toBe(60_000);
    expect(backoffDelay(1, tuning, () => 0)).toBe(800);
  });
});
