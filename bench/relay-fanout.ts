/**
 * Benchmark, not a test: the relay's WebSocket fan-out against a bare `ws` broadcast of the same
 * posts to the same sockets, with 1,000 and 5,000 subscribers following a Zipf-skewed set of
 * 500 authors. Per size: the relay in its own process (bench/relay-child.ts) reading the X
 * emulator, N subscriptions registered over HTTP, N sockets to it and N to the bare server
 * (bench/bare-broadcast-child.ts), both open throughout. Then rounds, relay and baseline
 * alternating: a paced phase (latency from the post entering X's stream, or the baseline's
 * input, to each socket) and a burst (deliveries per second). Memory: RSS of each server
 * process after a full GC, empty and with N idle subscribers connected.
 *
 *   npx tsx bench/relay-fanout.ts [sizes=1000,5000] [rounds=3]
 */
import { describeMachine, machineLine } from './machine.ts';
import { startResult } from './result.ts';
import { measureStages, type StageSettings } from './fanout-stages.ts';

const settings: StageSettings = {
  sizes: (process.argv[2] ?? '1000,5000').split(',').map(Number),
  authors: 500,
  perSubscriber: 20,
  rounds: Number(process.argv[3] ?? 3),
  pacedPosts: 50,
  pacedRate: 10,
  burstPosts: 100,
};

const bench = startResult('relay-fanout', 'Relay fan-out');
const machine = describeMachine();
console.log(machineLine(machine));
// Each subscriber holds two sockets here (relay and baseline); the relay holds one each.
const needed = 2 * Math.max(...settings.sizes) + 200;
if (machine.openFilesLimit !== undefined && machine.openFilesLimit < needed)
  throw new Error(`ulimit -n is ${machine.openFilesLimit}; this bench needs ${needed} open files`);

let failed = false;
try {
  const rounds = await measureStages(settings, bench.note);
  for (const measures of rounds) bench.addRun(measures);
} catch (error) {
  failed = true;
  bench.note(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
}

const sizes = settings.sizes.map((s) => s.toLocaleString('en-US')).join(' and ');
bench.note(
  `Method: one relay grows to ${sizes} subscriptions. ${settings.authors} authors; each subscriber follows ${settings.perSubscriber} distinct authors drawn by Zipf (s = 1), so the most followed author reaches nearly every subscriber and most reach a few; posting authors are drawn uniformly. Per round and server: ${settings.pacedPosts} posts paced at ${settings.pacedRate}/s for latency, then a burst of ${settings.burstPosts} posts for throughput (deliveries/s from the first post to the last delivery). The relay's latency starts when the post is made on the X emulator (it then crosses the emulator's filtered stream, the relay's SQLite log and its sockets); the baseline's when the bench hands the frame to the bare server over IPC.`,
);
bench.note(
  `Both servers run in processes of their own; the client sockets (two per subscriber, ulimit -n ${machine.openFilesLimit ?? 'unlimited'}) share the bench process with the X emulator, and every client acknowledges every event (the relay stores the cursor; the baseline ignores it). The clients' CPU per 1,000 deliveries is in the notes, so that a saturated client side would show. Memory is the server process's VmRSS after a forced full GC.`,
);
bench.finish();
process.exit(failed ? 1 : 0);
