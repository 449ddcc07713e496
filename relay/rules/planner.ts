import { compareIds } from '../x/x-id.ts';
import { fromQuery, termCost } from './rule-value.ts';

/** The capacity X gives us: characters a rule and rules a project (less rules not ours). */
export interface RuleLimits {
  maxLength: number;
  maxCount: number;
}

/** One of our rules as X holds it. */
export interface ExistingRule {
  /** X's rule id, which deletion takes. */
  id: string;
  tag: string;
  ids: readonly string[];
}

/** A rule of the plan: kept as is (it has X's `id`) or to be added. */
export interface PlannedRule {
  id?: string;
  tag: string;
  ids: string[];
  value: string;
}

/** What to change on X to cover `wanted`, and what cannot be covered. */
export interface RulePlan {
  /** Every rule of ours once the diff is applied. */
  rules: PlannedRule[];
  add: { tag: string; value: string }[];
  /** X rule ids to delete: rules that lost ids, were refilled, or were compacted away. */
  remove: string[];
  /** Wanted ids that fit no rule: the overflow poller covers them by search. */
  uncovered: string[];
}

export interface PlanInput {
  current: readonly ExistingRule[];
  /** Every followed id, with how many subscriptions follow it (higher is covered first). */
  wanted: ReadonlyMap<string, number>;
  limits: RuleLimits;
  /** Tags are `${tagPrefix}${n}`; rules with other tags are not ours and not passed here. */
  tagPrefix: string;
}

/** A rule under construction. */
interface Draft {
  source: ExistingRule | undefined;
  ids: string[];
  length: number;
  /** True when the rule must be deleted and added again (its ids changed). */
  dirty: boolean;
}

// A rule under half full counts as sparse; several of them are worth merging.
const SPARSE_FILL = 0.5;
const SPARSE_RULES_BEFORE_COMPACTION = 4;

/**
 * Packs the followed ids into `from:ID OR ...` rules within X's limits, changing as few rules
 * as it can: an id that goes away rewrites only its own rule, new ids fill rules that are
 * being rewritten or partly filled before new rules are made, sparse rules are merged only
 * when there are many of them, and everything is repacked only when that covers more ids.
 * Pure and deterministic: the same input gives the same plan.
 */
export function planRules(input: PlanInput): RulePlan {
  const { wanted, limits } = input;
  const { drafts, leftovers } = keepCurrent(input);
  const placedBefore = new Set([...drafts.flatMap((d) => d.ids), ...leftovers]);
  const pending = [...leftovers, ...byWeight(wanted, (id) => !placedBefore.has(id))];

  compactSparse(drafts, pending, limits);

  let nextTag = firstFreeTagNumber(input);
  let placed = place(drafts, pending, limits);
  if (placed.uncovered.length > 0) {
    // Out of capacity: a full repack is worth its churn only when it covers more ids.
    const repacked = place([], byWeight(wanted), limits);
    if (repacked.uncovered.length < placed.uncovered.length) placed = repacked;
  }

  const rules: PlannedRule[] = [];
  const add: RulePlan['add'] = [];
  for (const draft of placed.drafts) {
    if (draft.ids.length === 0) continue;
    const value = fromQuery(draft.ids);
    if (!draft.dirty && draft.source) {
      rules.push({ id: draft.source.id, tag: draft.source.tag, ids: draft.ids, value });
      continue;
    }
    const tag = `${input.tagPrefix}${nextTag++}`;
    rules.push({ tag, ids: draft.ids, value });
    add.push({ tag, value });
  }

  const kept = new Set(rules.flatMap((rule) => (rule.id === undefined ? [] : [rule.id])));
  const remove = input.current.map((rule) => rule.id).filter((id) => !kept.has(id));
  return { rules, add, remove, uncovered: placed.uncovered.sort(compareIds) };
}

/** Current rules less the ids no longer wanted, duplicates, and what no longer fits. */
function keepCurrent({ current, wanted, limits }: PlanInput) {
  const seen = new Set<string>();
  const drafts: Draft[] = [];
  const leftovers: string[] = [];

  for (const rule of current) {
    const draft: Draft = { source: rule, ids: [], length: 0, dirty: false };
    for (const id of rule.ids) {
      if (!wanted.has(id) || seen.has(id)) {
        draft.dirty = true;
        continue;
      }
      seen.add(id);
      const cost = termCost(id, draft.ids.length === 0);
      // Limits can shrink between runs (configuration); what no longer fits is placed again.
      if (draft.length + cost > limits.maxLength || drafts.length >= limits.maxCount) {
        draft.dirty = true;
        leftovers.push(id);
        continue;
      }
      draft.ids.push(id);
      draft.length += cost;
    }
    if (draft.ids.length > 0) drafts.push(draft);
  }
  return { drafts, leftovers };
}

/** Dissolves sparse rules into `pending` when there are many of them. */
function compactSparse(drafts: Draft[], pending: string[], limits: RuleLimits): void {
  const isSparse = (d: Draft) => d.length < limits.maxLength * SPARSE_FILL;
  const sparse = drafts.filter(isSparse);
  const threshold = Math.max(SPARSE_RULES_BEFORE_COMPACTION, Math.ceil(drafts.length / 4));
  if (sparse.length <= threshold) return;

  // Their ids were covered, so they go first in line to be covered again.
  pending.unshift(...sparse.flatMap((d) => d.ids));
  for (const draft of sparse) {
    draft.ids = [];
    draft.length = 0;
    draft.dirty = true;
  }
}

/**
 * Places `pending` ids in order: into rules being rewritten anyway, then into the fullest
 * partly filled rules, then into new rules while the count allows.
 */
function place(start: Draft[], pending: readonly string[], limits: RuleLimits) {
  const drafts = start.map((d) => ({ ...d, ids: [...d.ids] }));
  const targets = [
    ...drafts.filter((d) => d.dirty),
    ...drafts.filter((d) => !d.dirty).sort((a, b) => b.length - a.length),
  ];
  let next = 0;
  const uncovered: string[] = [];

  for (const draft of targets) {
    if (next >= pending.length) break;
    const before = next;
    next = fill(draft, pending, next, limits.maxLength);
    if (next > before) draft.dirty = true;
  }

  let live = drafts.filter((d) => d.ids.length > 0).length;
  while (next < pending.length && live < limits.maxCount) {
    const draft: Draft = { source: undefined, ids: [], length: 0, dirty: true };
    const after = fill(draft, pending, next, limits.maxLength);
    if (after === next) {
      // Not even an empty rule holds this id (a limit below one term): it stays uncovered.
      uncovered.push(pending[next]!);
      next += 1;
      continue;
    }
    drafts.push(draft);
    live += 1;
    next = after;
  }

  uncovered.push(...pending.slice(next));
  return { drafts, uncovered };
}

/** Appends ids from `pending[from]` on while they fit; returns the index of the first left. */
function fill(draft: Draft, pending: readonly string[], from: number, maxLength: number): number {
  let index = from;
  while (index < pending.length) {
    // The loop bound makes pending[index] defined.
    const cost = termCost(pending[index]!, draft.ids.length === 0);
    if (draft.length + cost > maxLength) break;
    draft.ids.push(pending[index]!);
    draft.length += cost;
    index += 1;
  }
  return index;
}

/** Ids of `wanted` (passing `keep`), most followed first, then by id for determinism. */
function byWeight(wanted: ReadonlyMap<string, number>, keep: (id: string) => boolean = () => true) {
  return [...wanted.keys()]
    .filter(keep)
    .sort((a, b) => (wanted.get(b) ?? 0) - (wanted.get(a) ?? 0) || compareIds(a, b));
}

function firstFreeTagNumber({ current, tagPrefix }: PlanInput): number {
  let highest = 0;
  for (const rule of current) {
    const n = Number(rule.tag.slice(tagPrefix.length));
    if (rule.tag.startsWith(tagPrefix) && Number.isSafeInteger(n)) highest = Math.max(highest, n);
  }
  return highest + 1;
}
