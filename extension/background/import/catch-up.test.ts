import { describe, expect, it, vi } from 'vitest';
import type { RelayPost } from '../../../protocol/relay-post.ts';
import { createLeftOutReport, isStale } from './catch-up.ts';

const HOUR = 3_600_000;
const now = Date.parse('2026-12-03T18:00:00Z');

function post(ageMs: number, author = 'ada'): RelayPost {
  return {
    id: '1',
    authorId: '9',
    authorUsername: author,
    authorName: 'Ada',
    text: 'hi',
    createdAt: new Date(now - ageMs).toISOString(),
    references: [],
    urls: [],
    media: [],
  };
}

describe('isStale', () => {
  it('keeps a post received within the catch-up window', () => {
    expect(isStale(post(23 * HOUR), now, 24)).toBe(false);
  });

  it('leaves out a post received after the window closed', () => {
    expect(isStale(post(25 * HOUR), now, 24)).toBe(true);
  });

  it('treats a post a few minutes old as live even with a window of 0 hours', () => {
    expect(isStale(post(60_000), now, 0)).toBe(false);
    expect(isStale(post(HOUR), now, 0)).toBe(true);
  });

  it('never leaves out a post whose date it cannot read', () => {
    expect(isStale({ ...post(0), createdAt: 'yesterday' }, now, 0)).toBe(false);
  });
});

describe('createLeftOutReport', () => {
  it('writes one line for a burst of left-out posts, naming their authors', async () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const report = createLeftOutReport(
      async (line) => void lines.push(line),
      () => 24,
      1000,
    );

    report.add(post(0, 'ada'));
    report.add(post(0, 'bob'));
    report.add(post(0, 'ada'));
    await vi.advanceTimersByTimeAsync(1500);

    expect(lines).toEqual([
      'Left out 3 posts older than the 24-hour catch-up window that arrived after the browser was away (from @ada, @bob).',
    ]);
    vi.useRealTimers();
  });

  it('writes nothing when nothing was left out', async () => {
    const write = vi.fn(async () => undefined);
    await createLeftOutReport(write, () => 24).flush();
    expect(write).not.toHaveBeenCalled();
  });
});
