import type { XClient } from '../x/x-client.ts';
import type { XProblem, XRule } from '../x/x-schemas.ts';
import { xRulesChangeSchema, xRulesPageSchema } from '../x/x-schemas.ts';
import type { ExistingRule } from './planner.ts';
import { parseFromQuery } from './rule-value.ts';

const RULES_PATH = '/2/tweets/search/stream/rules';
// X takes many rules a request; batches keep one bad rule from sinking hundreds of others.
const BATCH = 100;

/** The stream rules X holds, split into ours (by tag prefix) and everyone else's. */
export interface RulesOnX {
  ours: ExistingRule[];
  /** Our rules (by tag) whose value we did not write: to delete. */
  strays: string[];
  /** Rules with other tags: not ours to touch, but they use up the project's capacity. */
  foreign: number;
}

/** Reads every rule X holds (they outlive the relay's restarts), page by page. */
export async function fetchRules(
  client: XClient,
  tagPrefix: string,
  signal: AbortSignal,
): Promise<RulesOnX> {
  const all: XRule[] = [];
  let token: string | undefined;
  do {
    const page = await client.get(
      RULES_PATH,
      { max_results: '1000', pagination_token: token },
      xRulesPageSchema,
      signal,
    );
    all.push(...(page.data ?? []));
    token = page.meta?.next_token;
  } while (token);

  const result: RulesOnX = { ours: [], strays: [], foreign: 0 };
  for (const rule of all) {
    if (!rule.tag?.startsWith(tagPrefix)) {
      result.foreign += 1;
      continue;
    }
    const ids = parseFromQuery(rule.value);
    if (ids) result.ours.push({ id: rule.id, tag: rule.tag, ids });
    else result.strays.push(rule.id);
  }
  return result;
}

/** What applying a diff did; `failed` holds X's words for what it refused. */
export interface AppliedChange {
  deleted: string[];
  created: ExistingRule[];
  failed: string[];
}

/**
 * Deletes, then adds (deleting first frees capacity for the new rules). A failed call
 * throws; rules X refuses within a successful call are reported in `failed`.
 */
export async function applyRuleChange(
  client: XClient,
  change: { add: readonly { tag: string; value: string }[]; remove: readonly string[] },
  signal: AbortSignal,
): Promise<AppliedChange> {
  const result: AppliedChange = { deleted: [], created: [], failed: [] };

  for (let i = 0; i < change.remove.length; i += BATCH) {
    const ids = change.remove.slice(i, i + BATCH);
    const answer = await client.post(
      RULES_PATH,
      {},
      { delete: { ids } },
      xRulesChangeSchema,
      signal,
    );
    // A rule X could not delete shows in `errors`; the caller then reads the rules again.
    result.failed.push(...problems(answer.errors));
    result.deleted.push(...ids);
  }

  for (let i = 0; i < change.add.length; i += BATCH) {
    const add = change.add.slice(i, i + BATCH);
    const answer = await client.post(RULES_PATH, {}, { add }, xRulesChangeSchema, signal);
    result.failed.push(...problems(answer.errors));
    let created = 0;
    for (const rule of answer.data ?? []) {
      const ids = parseFromQuery(rule.value);
      if (ids && rule.tag) result.created.push({ id: rule.id, tag: rule.tag, ids });
      created += 1;
    }
    if (created < add.length && !answer.errors?.length) {
      result.failed.push(
        `X created ${created} of ${add.length} rules and said nothing of the rest`,
      );
    }
  }
  return result;
}

function problems(errors: readonly XProblem[] | undefined): string[] {
  return (errors ?? []).map((e) => [e.title, e.detail].filter(Boolean).join(': '));
}
