import { WebSocket as NodeWebSocket } from 'ws';
import type { RelayEvent } from '../../../protocol/relay-events.ts';
import type { Db } from '../../shared/db.ts';
import type { ActivityEntry, StatusNetAccount } from '../../shared/db-schema.ts';
import { createStatusNetClient } from '../clients/statusnet-client.ts';
import { composeImportText } from '../compose/import-text.ts';
import { createImportQueue } from './import-queue.ts';
import { createReceiver } from './receiver.ts';
import { createRelayLink } from './relay-link.ts';
import type { WebSocketLike } from './relay-socket.ts';

export interface NodePipelineOptions {
  db: Db;
  relayUrl: string;
  account: StatusNetAccount;
  ownXUserId?: string;
  catchUpHours?: number;
  /** Called once the relay issued a subscription (to send follows). */
  onSubscribed?: Parameters<typeof createRelayLink>[0]['onSubscribed'];
  log?: (line: Omit<ActivityEntry, 'id' | 'at'>) => void;
  /** Sees every event the relay delivers, before the inbox does (redeliveries included). */
  onDelivery?: (event: RelayEvent) => void;
}

/**
 * The extension's import half without a browser: the same link, inbox and queue as
 * `startImport`, wired to Node's `ws` and a database from fake-indexeddb. For the benchmark
 * and the in-process pipeline test; the extension itself runs `index.ts`.
 */
export function startNodePipeline(options: NodePipelineOptions) {
  const stop = new AbortController();
  const client = createStatusNetClient({
    apiBase: options.account.apiBase,
    auth: options.account.auth,
  });
  const log = async (line: Omit<ActivityEntry, 'id' | 'at'>) => options.log?.(line);

  const queue = createImportQueue({
    db: async () => options.db,
    context: async () => ({
      db: options.db,
      account: options.account,
      client,
      textLimit: options.account.textLimit,
      ownXUserId: options.ownXUserId,
      compose: (post, textLimit, uploaded) =>
        composeImportText(post, { textLimit, uploadedMediaKeys: uploaded }).status,
    }),
    log,
    onResolved: () => void link.acknowledge(),
    wakeAt: (when) =>
      setTimeout(() => void queue.drain(stop.signal), Math.max(0, when - Date.now())),
  });

  const receiver = createReceiver({
    db: async () => options.db,
    catchUpHours: async () => options.catchUpHours ?? 24,
    log,
    onStored: () => void queue.drain(stop.signal),
  });
  const link = createRelayLink({
    db: async () => options.db,
    relay: async () => ({ url: options.relayUrl, admissionCode: '' }),
    onEvent: (event) => {
      options.onDelivery?.(event);
      return receiver(event);
    },
    setState: async () => undefined,
    log,
    onSubscribed: options.onSubscribed ?? (() => undefined),
    keepAlive: async () => undefined,
    // ws implements the browser's WebSocket interface (addEventListener, readyState, send).
    WebSocket: NodeWebSocket as unknown as WebSocketLike,
  });
  const running = link.run(stop.signal);

  return {
    async stop(): Promise<void> {
      stop.abort();
      await running;
    },
  };
}
