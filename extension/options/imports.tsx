import { useState } from 'preact/hooks';
import type { ImportEntry } from '../shared/db-schema.ts';
import { sendMessage } from '../shared/messages.ts';
import { backlog } from '../background/import/inbox.ts';
import { useStored } from './use-stored.ts';

function describe(entry: ImportEntry): { who: string; what: string } {
  const { event } = entry;
  if (event.type === 'delete')
    return { who: 'A post', what: `deleted on X (post ${event.postId})` };
  const { post } = event;
  const kind = post.references.some((r) => r.type === 'retweeted') ? 'repost' : 'post';
  const words = post.text.length > 120 ? `${post.text.slice(0, 117)}…` : post.text;
  return { who: `@${post.authorUsername}`, what: `${kind}: ${words}` };
}

function status(entry: ImportEntry): string {
  if (entry.state === 'failed') return `Failed: ${entry.lastError ?? 'unknown reason'}`;
  if (entry.notBefore > Date.now()) {
    const at = new Date(entry.notBefore).toLocaleTimeString();
    return `Waiting (${entry.lastError ?? 'retrying'}); next try at ${at}`;
  }
  return 'Waiting to be written to StatusNet';
}

/** One waiting or failed post, with its retry and skip buttons. */
function BacklogItem({ entry }: { entry: ImportEntry }) {
  const [error, setError] = useState<string>();
  const { who, what } = describe(entry);
  const act = (type: 'import/retry' | 'import/skip') =>
    sendMessage(type, { postId: entry.postId }).then(
      () => setError(undefined),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );

  return (
    <li aria-label={`${who} ${entry.postId}`}>
      <strong>{who}</strong> {what}
      <br />
      <span class={entry.state === 'failed' ? 'field-error' : 'hint'}>{status(entry)}</span>
      <br />
      <button type="button" onClick={() => void act('import/retry')}>
        Retry
      </button>
      <button type="button" onClick={() => void act('import/skip')}>
        Skip
      </button>
      {error && <span class="field-error">{error}</span>}
    </li>
  );
}

/**
 * The import backlog: posts from X that are not in StatusNet yet (waiting or failed), live,
 * with retry and skip; and the relay link's own buttons.
 */
export function Imports() {
  const entries = useStored(['imports'], (db) => backlog(db));
  const [message, setMessage] = useState<string>();
  const run = (promise: Promise<string>) =>
    promise.then(setMessage, (e: unknown) =>
      setMessage(e instanceof Error ? e.message : String(e)),
    );

  return (
    <section aria-labelledby="imports-heading">
      <h2 id="imports-heading">Import queue</h2>
      {entries?.length ? (
        <ol aria-label="Import backlog">
          {entries.map((entry) => (
            <BacklogItem key={entry.postId} entry={entry} />
          ))}
        </ol>
      ) : (
        <p role="status">Every post received from X is in StatusNet.</p>
      )}
      <button
        type="button"
        onClick={() => void run(sendMessage('import/reconnect', {}).then(() => 'Reconnecting.'))}
      >
        Reconnect to the relay
      </button>
      <button
        type="button"
        onClick={() =>
          void run(
            sendMessage('import/sync-follows', {}).then(
              ({ follows }) => `The relay follows your ${follows} accounts.`,
            ),
          )
        }
      >
        Send my follows to the relay
      </button>
      {message && <p role="status">{message}</p>}
    </section>
  );
}
