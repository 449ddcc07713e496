import { spawnChild, type BenchChild } from './child.ts';
import { createDeliveryTracker } from './delivery-tracker.ts';
import { pickAuthors, runPhase, type FanoutTarget, type PhaseOutcome } from './fanout-phase.ts';
import { fanoutMeasures, memoryMeasures } from './fanout-measures.ts';
import { memoryOf, startRelayWorld, type RelayWorld } from './relay-world.ts';
import type { Measure } from './result.ts';
import { openClients } from './socket-clients.ts';
import { formatBytes } from './stats.ts';

export interface StageSettings {
  /** Subscriber counts, ascending: the same relay grows from one to the next. */
  sizes: number[];
  authors: number;
  perSubscriber: number;
  rounds: number;
  pacedPosts: number;
  pacedRate: number;
  burstPosts: number;
}

/** The relay: posts are made on the X emulator and reach the relay through its stream. */
function relayTarget(world: RelayWorld): FanoutTarget {
  return {
    name: 'relay',
    post: (author, text) => void world.x.post(world.authors[author]!.id, { text }),
    cpuMs: () => world.relay.cpuMs(),
  };
}

/** The baseline, handed the frame the relay would send (the same bytes on the wire). */
function bareTarget(world: RelayWorld, bare: BenchChild): FanoutTarget {
  let seq = 0;
  let id = 2_000_000_000_000_000_000n;
  return {
    name: 'bare',
    post(author, text) {
      const { id: authorId, username, name } = world.authors[author]!;
      const postId = String(id++);
      const post = {
        id: postId,
        authorId,
        authorUsername: username,
        authorName: name,
        text,
        createdAt: new Date().toISOString(),
        conversationId: postId,
        references: [],
        urls: [],
        media: [],
      };
      const frame = JSON.stringify({ type: 'event', event: { type: 'post', seq: ++seq, post } });
      bare.send({ type: 'post', authorId, text: frame });
    },
    cpuMs: () => bare.cpuMs(),
  };
}

/**
 * Grows one relay through `sizes` subscribers. At each size: register the new subscriptions,
 * open their sockets to the relay and to the bare server, read both servers' memory, then run
 * the rounds (relay and baseline alternating). Returns the measures of each round.
 */
export async function measureStages(
  settings: StageSettings,
  note: (line: string) => void,
): Promise<Measure[][]> {
  const world = await startRelayWorld({
    ...settings,
    subscribers: Math.max(...settings.sizes),
    seed: 9,
  });
  const closers: (() => void)[] = [];
  let bare: BenchChild | undefined;
  try {
    bare = await spawnChild('bench/bare-broadcast-child.ts', {}, { nodeArgs: ['--expose-gc'] });
    const targets = [relayTarget(world), bareTarget(world, bare)];
    const tracker = createDeliveryTracker();
    const rounds: Measure[][] = Array.from({ length: settings.rounds }, () => []);
    let before = { n: 0, relay: world.emptyMemory, bare: await memoryOf(bare) };

    for (const n of settings.sizes) {
      await world.grow(n);
      const followers = world.followersAmong(n);
      const ids = world.subscriptions.map((s) => s.id);
      await bare.request({
        type: 'follows',
        followers: world.authors.map((a, i) => [a.id, followers[i]!.map((s) => ids[s])]),
      });
      const fresh = world.subscriptions.slice(before.n);
      const common = {
        secrets: fresh.map((s) => s.secret),
        offset: before.n,
        onPost: tracker.record,
      };
      const wsBase = world.url.replace(/^http/, 'ws');
      const bareUrl = bare.ready['url'] as string;
      closers.push(
        (
          await openClients({
            ...common,
            urls: fresh.map((s) => `${wsBase}/v1/subscriptions/${s.id}/stream`),
          })
        ).close,
        (await openClients({ ...common, urls: fresh.map((s) => `${bareUrl}/s/${s.id}`) })).close,
      );

      await new Promise((resolve) => setTimeout(resolve, 1000));
      const after = { n, relay: await memoryOf(world.relay), bare: await memoryOf(bare) };
      const memory = memoryMeasures(before, after);
      note(
        `${n} subscribers: relay RSS ${formatBytes(before.relay.rss)} with ${before.n} -> ${formatBytes(after.relay.rss)} with ${n} (heap ${formatBytes(before.relay.heapUsed)} -> ${formatBytes(after.relay.heapUsed)}); bare ws ${formatBytes(before.bare.rss)} -> ${formatBytes(after.bare.rss)}.`,
      );

      // Warm-up, not measured: JIT, SQLite caches, socket buffers.
      for (const target of targets)
        await runPhase({
          target,
          authors: pickAuthors(10, settings.authors, 1),
          followers,
          tracker,
          tag: `w${n}${target.name}`,
        });

      for (let round = 0; round < settings.rounds; round++) {
        // Alternate who goes first, so that neither always meets a warmer or cooler machine.
        const order = round % 2 === 0 ? targets : [...targets].reverse();
        const outcome = new Map<string, { paced: PhaseOutcome; burst: PhaseOutcome }>();
        for (const target of order) {
          const tag = `n${n}r${round}${target.name}`;
          const paced = await runPhase({
            target,
            followers,
            tracker,
            authors: pickAuthors(settings.pacedPosts, settings.authors, 1000 + round),
            tag: `${tag}p`,
            ratePerSecond: settings.pacedRate,
          });
          const burst = await runPhase({
            target,
            followers,
            tracker,
            authors: pickAuthors(settings.burstPosts, settings.authors, 2000 + round),
            tag: `${tag}b`,
          });
          outcome.set(target.name, { paced, burst });
        }
        const measures = fanoutMeasures(n, outcome.get('relay')!, outcome.get('bare')!);
        rounds[round]!.push(...measures, ...(round === 0 ? memory : []));
        note(describeRound(n, round, outcome.get('relay')!, outcome.get('bare')!));
      }
      // The next size's memory is counted from here: idle again, this size's activity included.
      before = { n, relay: await memoryOf(world.relay), bare: await memoryOf(bare) };
    }
    return rounds;
  } finally {
    for (const close of closers) close();
    await bare?.stop();
    await world.stop();
  }
}

function describeRound(
  n: number,
  round: number,
  relay: { paced: PhaseOutcome; burst: PhaseOutcome },
  bare: { paced: PhaseOutcome; burst: PhaseOutcome },
): string {
  const one = (o: { paced: PhaseOutcome; burst: PhaseOutcome }) =>
    `${o.paced.delivered + o.burst.delivered}/${o.paced.expected + o.burst.expected} delivered, ${o.paced.duplicates + o.burst.duplicates} twice, clients' CPU ${Math.round(o.burst.clientCpuPer1000)} ms per 1,000 in the burst`;
  return `${n} subscribers, round ${round + 1}: relay ${one(relay)}; bare ws ${one(bare)}.`;
}
