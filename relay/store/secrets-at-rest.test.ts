import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RegisterResponse } from '../../protocol/index.ts';
import { hashSecret } from '../auth/secrets.ts';
import { loadConfig } from '../config.ts';
import { startRelay } from '../start-relay.ts';
import { jsonInit, register, viaHttp } from '../testing/api-client.ts';
import { connectSocket } from '../testing/socket-client.ts';
import { memoryLog } from '../testing/memory-log.ts';
import { tempDir } from '../testing/stack.ts';
import { waitFor } from '../testing/wait-for.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Every byte the relay wrote under its data directory: the database, its WAL and shm. */
function bytesOnDisk(dir: string): Buffer {
  return Buffer.concat(readdirSync(dir).map((name) => readFileSync(join(dir, name))));
}

describe('the relay at rest', { timeout: 60_000 }, () => {
  it('holds only hashes of secrets, never a secret or the admission code, live or closed', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const admissionCode = 'open-sesame-4f1b2c';
    const log = memoryLog();
    const relay = await startRelay(
      loadConfig({
        PORT: '0',
        RELAY_DATA_DIR: dir.path,
        RELAY_ADMISSION_CODE: admissionCode,
        LOG_LEVEL: 'debug',
      }),
      { logDestination: log.stream },
    );
    let running = true;
    cleanups.push(() => running && relay.close());
    const request = viaHttp(relay.url);

    const subs: RegisterResponse[] = [];
    for (let n = 0; n < 5; n++) {
      subs.push(
        await register(
          request,
          { xUserId: `${n + 1}`, followIds: ['10', '11'] },
          { admissionCode },
        ),
      );
    }
    // The secret travels every way it can: Bearer header, ack body, WebSocket hello.
    await request(
      `/v1/subscriptions/${subs[0]!.id}/ack`,
      jsonInit('POST', { seq: 0 }, subs[0]!.secret),
    );
    const socket = connectSocket(relay.url, subs[1]!.id, subs[1]!.secret);
    await socket.opened;
    await waitFor('ready', () => socket.messages.some((m) => m.type === 'ready'));
    socket.close();

    const check = () => {
      const disk = bytesOnDisk(dir.path);
      for (const { secret } of subs) {
        expect(disk.includes(Buffer.from(secret, 'utf8'))).toBe(false);
        expect(disk.includes(Buffer.from(secret, 'base64url'))).toBe(false);
        // The needle is right: the hash, which is what the store keeps, is there.
        expect(disk.includes(hashSecret(secret))).toBe(true);
      }
      expect(disk.includes(Buffer.from(admissionCode, 'utf8'))).toBe(false);
    };
    check(); // live: the WAL holds the latest writes
    await relay.close();
    running = false;
    check(); // closed: checkpointed into the database file

    for (const { secret } of subs) expect(log.text()).not.toContain(secret);
    expect(log.text()).not.toContain(admissionCode);
  });
});
