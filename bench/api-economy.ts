/**
 * Benchmark, not a test: what the bridge costs the two services, in calls and billed reads.
 * - X reads per delivered post per subscriber: the relay counted for real (bench/x-reads.ts),
 *   against per-user polling of the home timeline every 70 s (TwitterBridge's model).
 * - X calls per mirrored action: the extension's export code in Node (bench/export-calls.ts).
 * - StatusNet calls per idle hour: the export's poll alarm, an hour simulated at its real
 *   period (bench/idle-calls.ts).
 *
 *   npx tsx bench/api-economy.ts [subscribers=1000] [posts=300]
 */
import { countExportCalls } from './export-calls.ts';
import { countIdleHour } from './idle-calls.ts';
import { startResult, type Measure } from './result.ts';
import { median } from './stats.ts';
import { lookupsPerPost } from '../relay/sweeps/delete-sweep.ts';
import { countXReads, SWEEP_SECONDS } from './x-reads.ts';

const SUBSCRIBERS = Number(process.argv[2] ?? 1000);
const POSTS = Number(process.argv[3] ?? 300);
/**
 * At the relay's defaults (relay/config.ts: a sweep every 900 s over 24 h of posts), the sweep
 * looks each post up once per age band it enters (relay/sweeps/delete-sweep.ts).
 */
const SWEEPS_PER_POST = lookupsPerPost(900_000, 24 * 3_600_000);
const POLL_SECONDS = 70;

const bench = startResult('api-economy', 'API economy');
const measures: Measure[] = [];
let failed = false;

try {
  bench.progress('X reads: relay world');
  const x = await countXReads({
    subscribers: SUBSCRIBERS,
    authors: 500,
    perSubscriber: 20,
    posts: POSTS,
    ratePerSecond: 30,
  });
  const perDelivery = (reads: number) => reads / x.deliveries;
  // Per-user polling with since_id returns each new post once to each follower: one billed
  // read per delivery, whatever the schedule (the emulator has no home timeline to count on).
  const polling = { label: `per-user home-timeline polling every ${POLL_SECONDS} s`, median: 1 };
  measures.push(
    {
      id: 'economy.x-reads-per-delivery',
      label: 'X posts read per delivered post per subscriber (stream, backfill)',
      unit: 'count',
      better: 'lower',
      median: perDelivery(x.streamReads + x.searchReads),
      n: x.deliveries,
      baseline: polling,
    },
    {
      id: 'economy.x-reads-per-delivery-with-sweep',
      label: 'The same, with the delete sweep at its defaults (every 15 min over 24 h)',
      unit: 'count',
      better: 'lower',
      median: perDelivery(x.streamReads + x.searchReads + SWEEPS_PER_POST * x.sweptPosts),
      n: x.deliveries,
      baseline: polling,
    },
  );
  const audience = x.deliveries / x.deliveredPosts;
  bench.note(
    `The delete sweep reads each delivered post ${SWEEPS_PER_POST} times over its 24 h reach (at ages of about 0, 15, 30 min, 1, 2, 4, 8 and 16 h), whatever its audience, so its cost per delivery is about ${SWEEPS_PER_POST + 1} / (subscribers per post): ${audience.toFixed(1)} here. The relay reads less than per-user polling only where posts reach more than ${SWEEPS_PER_POST + 1} subscribers on average, unless DELETE_SWEEP_INTERVAL_SECONDS or DELETE_SWEEP_REACH_HOURS change. (X's docs here do not say whether a post read again within a day is billed again.)`,
  );
  const startCalls = x.startCalls.map((e) => `${e.endpoint} ×${e.calls} (${e.posts} posts)`);
  bench.note(
    `X reads, counted: ${SUBSCRIBERS} subscriptions following 20 of 500 authors (Zipf), ${x.posts} posts at 30/s, ${x.deliveredPosts} of them by followed authors, ${x.deliveries} deliveries counted at the sockets (${(x.deliveries / x.deliveredPosts).toFixed(1)} subscribers per post). X returned ${x.streamReads} posts on the stream and ${x.searchReads} by search during the run. The delete sweep (every ${SWEEP_SECONDS} s here) looked up ${x.sweptPosts} distinct posts in ${x.sweepCalls} calls; at the default schedule each delivered post is looked up ${SWEEPS_PER_POST} times in all, which the second figure adds. Calls before the posts (start, rules, backfill, catch-up): ${startCalls.join(', ')}.`,
  );
  bench.note(
    `The polling baseline is computed, not counted: the X emulator has no home-timeline endpoint. With since_id each poll returns each new post once to each follower (1 read per delivery), and it costs ${SUBSCRIBERS} × 3600/${POLL_SECONDS} = ${Math.round((SUBSCRIBERS * 3600) / POLL_SECONDS).toLocaleString('en-US')} requests an hour whatever the traffic; the relay holds one stream connection, reads the rules hourly and the delete sweep makes about ${Math.ceil((SWEEPS_PER_POST * x.sweptPosts) / 100)} lookup calls over a day for this run's posts.`,
  );

  bench.progress('X calls per mirrored action');
  for (const action of await countExportCalls(5)) {
    measures.push({
      id: `economy.x-calls.${action.action.split(' ')[0]}`,
      label: `X calls per mirrored action: ${action.action}`,
      unit: 'count',
      better: 'lower',
      median: median(action.xCalls),
      n: action.xCalls.length,
      baseline: { label: 'the write alone', median: 1 },
      note: `${action.endpoints.join(', ') || 'no call'}; StatusNet calls for it: ${median(action.statusNetCalls)}`,
    });
  }
  bench.note(
    'X calls per action: counted in the X emulator journal around one poll and one outbox run of the extension export code (Node, fake-indexeddb), 5 times each; likes and API replies allowed on the emulator (self-serve tiers refuse them since 2026). StatusNet calls are those of the poll that found the action.',
  );

  bench.progress('StatusNet calls per idle hour');
  const idle = await countIdleHour();
  measures.push({
    id: 'economy.statusnet-calls-per-idle-hour',
    label: 'StatusNet calls per idle hour of the extension',
    unit: 'count',
    better: 'lower',
    median: idle.calls,
    note: `${idle.authenticated} with credentials`,
  });
  const endpoints = Object.entries(idle.byEndpoint).map(([k, v]) => `${k} ×${v}`);
  bench.note(
    `Idle hour, simulated: ${idle.polls} runs of the export watcher and outbox, one per alarm period (${idle.pollMinutes} min, the default), on a clock moved forward by that period, for a user with 40 notices and 10 faves; counted in the GNU social journal: ${endpoints.join(', ')}. The import alarm drains an empty inbox without calling StatusNet; the token alarm calls X.`,
  );
} catch (error) {
  failed = true;
  bench.note(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
}

bench.addRun(measures);
bench.finish();
process.exit(failed ? 1 : 0);
