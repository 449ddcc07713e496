import { useEffect, useState } from 'preact/hooks';
import { onChanged, type ChangeTopic } from '../shared/changes.ts';
import { openBridgeDb, type Db } from '../shared/db.ts';

/**
 * Reads stored state with `load` and reads it again whenever one of `topics` changes, so the
 * page stays live while it is open. `undefined` until the first read resolves.
 */
export function useStored<T>(topics: ChangeTopic[], load: (db: Db) => Promise<T>): T | undefined {
  const [value, setValue] = useState<T>();

  useEffect(() => {
    const controller = new AbortController();
    const refresh = () =>
      openBridgeDb()
        .then(load)
        .then((next) => controller.signal.aborted || setValue(() => next));

    void refresh();
    onChanged((topic) => topics.includes(topic) && void refresh(), controller.signal);
    return () => controller.abort();
    // The topics and loader are fixed for the lifetime of a component.
  }, []);

  return value;
}
