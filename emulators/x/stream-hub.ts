import type { XCore } from './context.ts';
import { body, expandPosts } from './includes.ts';
import type { FieldSelection } from './params.ts';
import { matches } from './query/match.ts';
import { matchTarget } from './query/target.ts';
import { renderTweet } from './render.ts';
import type { XPost } from './state.ts';
import { StreamConnection, type DisconnectMode } from './stream-connection.ts';

interface Subscriber {
  connection: StreamConnection;
  fields: FieldSelection;
  origin: string;
}

/**
 * The app's filtered stream: holds the open connections and delivers every new post that
 * matches a rule to each of them, once, with all the rules it matched.
 */
export function createStreamHub(core: XCore) {
  const subscribers = new Map<StreamConnection, Subscriber>();
  const pending = new Set<ReturnType<typeof setTimeout>>();
  let nextConnectionId = 1;

  function matchingRules(post: XPost) {
    const target = matchTarget(core.state, post);
    if (!target) return [];
    return [...core.state.rules.values()].filter((rule) => matches(rule.query, target, 'stream'));
  }

  function deliver(post: XPost): void {
    // Deleted while in flight: X does not deliver it.
    if (post.deletedAt !== undefined || subscribers.size === 0) return;
    const matched = matchingRules(post);
    if (matched.length === 0) return;
    const matchingRulesBody = matched.map((r) =>
      r.tag === undefined ? { id: r.id } : { id: r.id, tag: r.tag },
    );
    for (const { connection, fields, origin } of subscribers.values()) {
      const rc = { core, fields, origin };
      connection.send({
        ...body(renderTweet(rc, post), expandPosts(rc, [post])),
        matching_rules: matchingRulesBody,
      });
    }
  }

  core.state.events.posted.on((post) => {
    const delay = core.settings.stream.deliveryDelayMs;
    if (delay === 0) return deliver(post);
    const timer = setTimeout(() => {
      pending.delete(timer);
      deliver(post);
    }, delay);
    pending.add(timer);
  });

  function open(
    fields: FieldSelection,
    origin: string,
    destroySocket?: () => void,
  ): StreamConnection {
    const connection = new StreamConnection(
      nextConnectionId++,
      core.settings.stream.keepAliveMs,
      destroySocket,
      (closed) => subscribers.delete(closed),
    );
    subscribers.set(connection, { connection, fields, origin });
    return connection;
  }

  function connections(): StreamConnection[] {
    return [...subscribers.keys()];
  }

  return {
    open,
    connections,
    /** Ends every connection (mode `end`: a clean end of the chunked body). */
    disconnectAll(mode: DisconnectMode = 'end'): number {
      const all = connections();
      for (const connection of all) connection.close(mode);
      return all.length;
    },
    /** Stalls or resumes every connection: open, but silent (no keep-alive, no posts). */
    stall(stalled: boolean): void {
      for (const connection of connections()) connection.stalled = stalled;
    },
    applyKeepAlive(): void {
      for (const connection of connections())
        connection.setKeepAlive(core.settings.stream.keepAliveMs);
    },
    /** Stops everything: connections and posts waiting for delivery. */
    shutdown(): void {
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
      for (const connection of connections()) connection.close('end');
    },
  };
}
export type StreamHub = ReturnType<typeof createStreamHub>;
