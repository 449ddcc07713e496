import { useState } from 'preact/hooks';
import type { OutboxEntry } from '../shared/db-schema.ts';
import { sendMessage } from '../shared/messages.ts';

const shorten = (text: string) => (text.length > 100 ? `${text.slice(0, 99)}…` : text);

/** What an entry asks of X, in words. */
export function describeEntry(entry: OutboxEntry): string {
  const { action } = entry;
  switch (action.type) {
    case 'post':
      return `${action.replyToPostId || action.replyToNoticeId ? 'Reply' : 'Post'}: ${shorten(action.text)}`;
    case 'repost':
      return 'Repost of a post on X';
    case 'unrepost':
      return 'Undo a repost';
    case 'like':
      return 'Like of a post on X';
    case 'unlike':
      return 'Undo a like';
    case 'delete':
      return 'Delete the post on X';
  }
}

const at = (epoch: number) => new Date(epoch).toLocaleString();

function status(entry: OutboxEntry, now: number): string {
  switch (entry.state) {
    case 'done':
      return `Sent ${entry.doneAt ? at(entry.doneAt) : ''}`.trim();
    case 'cancelled':
      return 'Cancelled';
    case 'skipped':
      return 'Skipped';
    case 'failed':
      return 'Failed';
    case 'pending':
      if (entry.inFlightSince !== undefined)
        return 'Sent, outcome not known yet: X is asked before any new attempt';
      return entry.notBefore > now
        ? `Waiting: next attempt at ${at(entry.notBefore)}`
        : 'Waiting to be sent';
  }
}

/** One outbox entry: what, where it stands, X's last answer, and what the user can do. */
export function OutboxItem({ entry, now }: { entry: OutboxEntry; now: number }) {
  const [error, setError] = useState<string>();
  const name = `${describeEntry(entry)} (#${entry.seq})`;
  const act = (type: 'export/retry' | 'export/skip') =>
    // Entries read from the store always carry their key.
    sendMessage(type, { seq: entry.seq! }).then(
      () => setError(undefined),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  const open = entry.state === 'pending' || entry.state === 'failed';

  return (
    <li aria-label={name} class={`outbox-${entry.state}`}>
      <strong>{describeEntry(entry)}</strong>{' '}
      <a href={entry.noticeUrl} target="_blank" rel="noreferrer">
        notice
      </a>
      <br />
      <span class="outbox-status">{status(entry, now)}</span>
      {entry.attempts > 0 && <span class="hint"> · attempts: {entry.attempts}</span>}
      {entry.lastError && (
        <>
          <br />
          <span class={entry.state === 'failed' ? 'field-error' : 'hint'}>
            Last answer: {entry.lastError}
          </span>
        </>
      )}
      {open && (
        <div>
          <button
            type="button"
            aria-label={`Retry ${name}`}
            onClick={() => void act('export/retry')}
          >
            Retry
          </button>
          <button type="button" aria-label={`Skip ${name}`} onClick={() => void act('export/skip')}>
            Skip
          </button>
        </div>
      )}
      {error && <p class="field-error">{error}</p>}
    </li>
  );
}
