import { useState } from 'preact/hooks';
import type { Db } from '../shared/db.ts';
import { sendMessage } from '../shared/messages.ts';
import { recentEntries } from '../background/export/outbox.ts';
import { readPause } from '../background/export/pause.ts';
import { readRefusals } from '../background/export/refusals.ts';
import { useNow } from './health/use-now.ts';
import { OutboxItem } from './outbox-entry.tsx';
import { useStored } from './use-stored.ts';

async function load(db: Db) {
  return {
    entries: await recentEntries(db, 100),
    pause: await readPause(db),
    refusals: await readRefusals(db),
  };
}

const KIND_WORDS = { likes: 'likes', replies: 'replies' } as const;

/**
 * The outbox to X, live: each entry with its state, attempts, next attempt and X's last words,
 * Retry and Skip; a pause of the whole outbox with Resume; kinds X refuses, with a way to try
 * them again; and a button to look at StatusNet now instead of at the next poll.
 */
export function Outbox() {
  const now = useNow(5_000);
  const data = useStored(['outbox'], load);
  const [message, setMessage] = useState<string>();
  // The previous answer goes at once, so the next one is never mistaken for it.
  const run = (action: () => Promise<string>) => {
    setMessage(undefined);
    void action().then(setMessage, (e: unknown) =>
      setMessage(e instanceof Error ? e.message : String(e)),
    );
  };

  const pause = data?.pause && (data.pause.until ?? Infinity) > now ? data.pause : undefined;
  const refused = data ? (['likes', 'replies'] as const).filter((kind) => data.refusals[kind]) : [];

  return (
    <section aria-labelledby="outbox-heading">
      <h2 id="outbox-heading">Outbox to X</h2>
      {pause && (
        <div role="alert">
          <p class="warning">Sending to X is paused. {pause.message}</p>
          <button
            type="button"
            onClick={() =>
              run(() => sendMessage('export/resume', {}).then(() => 'Sending resumes.'))
            }
          >
            Resume sending
          </button>
        </div>
      )}
      {refused.map((kind) => (
        <p key={kind} class="warning">
          X refuses {KIND_WORDS[kind]} from this app ({data?.refusals[kind]?.message}), so the
          bridge no longer sends them.{' '}
          <button
            type="button"
            onClick={() =>
              run(() =>
                sendMessage('export/allow-kind', { kind }).then(
                  () => `The bridge will try ${kind} again.`,
                ),
              )
            }
          >
            Try {KIND_WORDS[kind]} again
          </button>
        </p>
      ))}
      <button
        type="button"
        onClick={() =>
          run(() =>
            sendMessage('export/sync-now', { reason: 'user' }).then(({ queued }) =>
              queued ? 'New activity was queued for X.' : 'Nothing new on StatusNet.',
            ),
          )
        }
      >
        Check StatusNet now
      </button>
      {message && <p role="status">{message}</p>}
      {data?.entries.length ? (
        <ol aria-label="Outbox" class="outbox">
          {data.entries.map((entry) => (
            <OutboxItem key={entry.seq} entry={entry} now={now} />
          ))}
        </ol>
      ) : (
        <p>Nothing has been sent to X yet.</p>
      )}
    </section>
  );
}
