import { recentActivity } from '../shared/activity.ts';
import { useStored } from './use-stored.ts';

/** The activity log: what the bridge did and why, newest first, updated live. */
export function ActivityLog() {
  const lines = useStored(['activity'], (db) => recentActivity(db, 200));

  return (
    <section aria-labelledby="activity-heading">
      <h2 id="activity-heading">Activity</h2>
      {lines?.length ? (
        <ol class="activity" aria-label="Activity log">
          {lines.map((line) => (
            <li key={line.id} class={`activity-${line.level}`}>
              <time dateTime={new Date(line.at).toISOString()}>
                {new Date(line.at).toLocaleString()}
              </time>{' '}
              <span class="area">{line.area}</span> {line.message}
              {line.noticeUrl && (
                <>
                  {' '}
                  <a href={line.noticeUrl} target="_blank" rel="noreferrer">
                    notice
                  </a>
                </>
              )}
              {line.xUrl && (
                <>
                  {' '}
                  <a href={line.xUrl} target="_blank" rel="noreferrer">
                    on X
                  </a>
                </>
              )}
            </li>
          ))}
        </ol>
      ) : (
        <p>Nothing has happened yet.</p>
      )}
    </section>
  );
}
