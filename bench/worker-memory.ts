import { startGnuSocialEmulator } from '../emulators/gnusocial/index.ts';
import { startXEmulator } from '../emulators/x/index.ts';
import { startRelayProcess } from '../test-e2e/fixtures/relay-process.ts';
import { nudgeExport } from '../test-e2e/fixtures/export-nudge.ts';
import { launchBridge } from './bridge-browser.ts';
import { connectCdp, devToolsUrl, workerHeap } from './cdp.ts';

/**
 * The service worker's JS heap after a day's activity, replayed fast: the built extension in
 * headless Chromium (bench/bridge-browser.ts), both emulators and the relay (its own process)
 * on loopback. Then `notices` notices written on StatusNet and exported to X, and `imports`
 * posts by followed accounts on X imported into StatusNet, at the same time. The heap is read
 * through CDP before and after the replay, each time as found and after a full collection
 * (what the worker really retains).
 */
export interface WorkerMemory {
  fresh: { used: number; retained: number };
  afterDay: { used: number; retained: number };
  /** The worker was the same one throughout (a restart would have reset its heap). */
  sameWorker: boolean;
  exported: number;
  imported: number;
  replayMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/** The relay holds the X stream for the extension's follows, and the extension's socket. */
async function streaming(relayUrl: string): Promise<boolean> {
  const health = (await (await fetch(`${relayUrl}/healthz`)).json()) as {
    stream: { state: string };
    sockets: number;
    rules: { ours: number };
  };
  return health.stream.state === 'connected' && health.sockets > 0 && health.rules.ours > 0;
}

export async function measureWorkerMemory(options: {
  notices: number;
  imports: number;
  progress: (line: string) => void;
}): Promise<WorkerMemory> {
  const x = await startXEmulator({ host: '127.0.0.1', log: () => undefined });
  const gs = await startGnuSocialEmulator({ host: '127.0.0.1', demo: true });
  const relay = await startRelayProcess({ xApiBase: x.url, bearerToken: x.bearerToken });
  let bridge: Awaited<ReturnType<typeof launchBridge>> | undefined;
  let ticker: NodeJS.Timeout | undefined;
  try {
    // A day compressed into a minute or two exceeds X's 100 posts per 15 min: widen that.
    x.setRateLimit('POST /2/tweets', { limit: 10_000, windowMs: 900_000 });
    const me = x.createUser({ username: 'bench_me', name: 'Bench' });
    const authors = ['ada', 'bob', 'kofi', 'mei', 'zed'].map((u) => x.createUser({ username: u }));
    for (const author of authors) x.follow(me.id, author.id);
    gs.state.settings.dupeLimitSeconds = 0;
    // The demo world has alice (the user) and carol (the import account, made private).
    const user = (nick: string) => [...gs.state.users.values()].find((u) => u.nickname === nick)!;
    const alice = user('alice');
    const carol = user('carol');
    carol.protected = true;

    bridge = await launchBridge({
      x,
      gs,
      relayUrl: relay.url,
      xUserId: me.id,
      user: alice,
      importAccount: carol,
    });
    options.progress('waiting for the extension to subscribe and the relay to stream');
    await until('the relay stream', () => streaming(relay.url), 60_000);
    await sleep(2000);
    const cdp = await connectCdp(devToolsUrl(bridge.profileDir));
    const fresh = await workerHeap(cdp, bridge.extensionId);

    options.progress(`replaying ${options.notices} notices and ${options.imports} imports`);
    const started = Date.now();
    const exported = () => [...x.state.posts.values()].filter((p) => p.authorId === me.id).length;
    const imported = () =>
      [...gs.state.notices.values()].filter((n) => n.authorId === carol.id).length;
    ticker = setInterval(
      () => options.progress(`exported ${exported()}, imported ${imported()}`),
      15_000,
    );
    const page = bridge.page;
    const posting = (async () => {
      for (let i = 0; i < options.imports; i++) {
        x.post(authors[i % authors.length]!.id, { text: `post ${i} of the day, from X` });
        await sleep(40);
      }
    })();
    for (let i = 0; i < options.notices; i++) {
      const text =
        i % 10 === 9
          ? `notice ${i} for !bench, with a link https://example.org/${i}`
          : `notice ${i} of the day`;
      await fetch(`${gs.url}/_control/users/alice/notices`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
      });
      // The user writes in the web UI, so the content script nudges now and then.
      if (i % 5 === 4) await nudgeExport(page);
      await sleep(80);
    }
    await posting;
    let nudged = Date.now();
    await until(
      'the replay to be mirrored',
      async () => {
        if (exported() < options.notices && Date.now() - nudged > 1000) {
          nudged = Date.now();
          await nudgeExport(page);
        }
        return exported() >= options.notices && imported() >= options.imports;
      },
      180_000,
    );
    const replayMs = Date.now() - started;
    await sleep(2000);
    const afterDay = await workerHeap(cdp, bridge.extensionId);
    cdp.close();
    return {
      fresh,
      afterDay,
      sameWorker: fresh.targetId === afterDay.targetId,
      exported: exported(),
      imported: imported(),
      replayMs,
    };
  } finally {
    clearInterval(ticker);
    await bridge?.close();
    await relay.stop();
    await gs.close();
    await x.close();
  }
}
