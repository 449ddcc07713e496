import { openDB, type IDBPDatabase } from 'idb';
import type { BridgeDB } from './db-schema.ts';
import { migrations } from './db-migrations.ts';

export type Db = IDBPDatabase<BridgeDB>;

export const DB_NAME = 'bridge';

let opening: Promise<Db> | undefined;

/**
 * Opens the extension's database, applying every numbered migration past the stored version.
 * One connection per context (worker or page), shared by every module in it.
 */
export function openBridgeDb(name = DB_NAME): Promise<Db> {
  if (name !== DB_NAME) return openWithMigrations(name);
  opening ??= openWithMigrations(name);
  return opening;
}

function openWithMigrations(name: string): Promise<Db> {
  return openDB<BridgeDB>(name, migrations.length, {
    upgrade(db, oldVersion, _newVersion, tx) {
      for (let version = oldVersion; version < migrations.length; version++) {
        // The array index is the version it upgrades from; it is in range by the loop bound.
        migrations[version]!(db, tx);
      }
    },
    blocking() {
      // A newer version of the extension wants to upgrade: let it, and reopen on next use.
      opening = undefined;
    },
  });
}
