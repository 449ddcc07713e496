import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { BridgeDB } from './db-schema.ts';

type Migration = (
  db: IDBPDatabase<BridgeDB>,
  tx: IDBPTransaction<BridgeDB, StoreNames<BridgeDB>[], 'versionchange'>,
) => void;

/**
 * Schema migrations, numbered by position: migrations[n] upgrades version n to n + 1. Only ever
 * append; a released migration never changes.
 */
export const migrations: Migration[] = [
  (db) => {
    db.createObjectStore('kv');
    db.createObjectStore('accounts', { keyPath: 'role' });

    const links = db.createObjectStore('links', { keyPath: 'key' });
    links.createIndex('by-notice', 'noticeId');
    links.createIndex('by-post', 'xPostId');

    const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
    outbox.createIndex('by-state', 'state');
    outbox.createIndex('by-notice', 'noticeId');

    const imports = db.createObjectStore('imports', { keyPath: 'postId' });
    imports.createIndex('by-state', 'state');

    const activity = db.createObjectStore('activity', { keyPath: 'id', autoIncrement: true });
    activity.createIndex('by-at', 'at');
  },
];
