import type { XContext } from './context.ts';
import { PROBLEM_URI, XProblem } from './errors.ts';
import { parseQuery } from './query/parse.ts';
import { QuerySyntaxError } from './query/tokenize.ts';
import { isoTime } from './render.ts';
import type { XRule } from './state.ts';

/** A rule as X lists it. */
export const ruleJson = (rule: XRule) => ({
  id: rule.id,
  value: rule.value,
  ...(rule.tag === undefined ? {} : { tag: rule.tag }),
});

/** Why a rule cannot be added, or its parsed query. */
function checkRule(
  ctx: XContext,
  value: string,
): { details: string[] } | { query: XRule['query'] } {
  const max = ctx.settings.stream.maxRuleLength;
  if (value.length > max) {
    return {
      details: [
        `Rule length exceeds the maximum of ${max} characters (this rule has ${value.length}).`,
      ],
    };
  }
  try {
    return { query: parseQuery(value) };
  } catch (error) {
    if (error instanceof QuerySyntaxError) return { details: error.details };
    throw error;
  }
}

/**
 * Adds rules the way X does: an invalid rule fails the whole request (400, nothing created),
 * duplicates are reported beside what was created, the rule cap is checked last.
 */
export function addRules(
  ctx: XContext,
  add: { value: string; tag?: string | undefined }[],
  dryRun: boolean,
) {
  const { rules } = ctx.state;
  const sent = isoTime(ctx.clock.now());
  const invalid: Record<string, unknown>[] = [];
  const duplicates: Record<string, unknown>[] = [];
  const accepted: XRule[] = [];
  for (const { value, tag } of add) {
    const checked = checkRule(ctx, value);
    if ('details' in checked) {
      invalid.push({
        value,
        details: checked.details,
        title: 'UnprocessableEntity',
        type: `${PROBLEM_URI}invalid-rules`,
      });
      continue;
    }
    const existing = [...rules.values(), ...accepted].find((r) => r.value === value);
    if (existing) {
      duplicates.push({
        value,
        id: existing.id,
        title: 'DuplicateRule',
        type: `${PROBLEM_URI}duplicate-rules`,
      });
      continue;
    }
    accepted.push({ id: ctx.nextId(), value, tag, query: checked.query });
  }

  // One invalid rule rejects the whole request: nothing is created.
  if (invalid.length > 0) {
    const summary = {
      created: 0,
      not_created: add.length,
      valid: add.length - invalid.length,
      invalid: invalid.length,
    };
    throw new XProblem(400, { errors: invalid, meta: { sent, summary } });
  }
  if (rules.size + accepted.length > ctx.settings.stream.maxRules) {
    // Guessed status and detail (X's title and type are known): confirm on a real capture.
    throw new XProblem(403, {
      title: 'RulesCapExceeded',
      detail: `Rule creation would exceed the maximum of ${ctx.settings.stream.maxRules} rules for this product.`,
      type: `${PROBLEM_URI}rule-cap`,
      status: 403,
    });
  }
  if (!dryRun) for (const rule of accepted) rules.set(rule.id, rule);
  const summary = {
    created: accepted.length,
    not_created: duplicates.length,
    valid: accepted.length,
    invalid: duplicates.length,
  };
  const response = {
    ...(accepted.length > 0 ? { data: accepted.map(ruleJson) } : {}),
    ...(duplicates.length > 0 ? { errors: duplicates } : {}),
    meta: { sent, summary },
  };
  return { status: accepted.length > 0 && !dryRun ? (201 as const) : (200 as const), response };
}

/** Deletes rules by id or value; unknown ones are reported, not fatal. */
export function deleteRules(
  ctx: XContext,
  target: { ids?: string[] | undefined; values?: string[] | undefined },
  dryRun: boolean,
) {
  const { rules } = ctx.state;
  const found: string[] = [];
  const missing: string[] = [];
  for (const id of target.ids ?? []) (rules.has(id) ? found : missing).push(id);
  for (const value of target.values ?? []) {
    const rule = [...rules.values()].find((r) => r.value === value);
    if (rule) found.push(rule.id);
    else missing.push(value);
  }
  if (!dryRun) for (const id of found) rules.delete(id);
  const errors = missing.map(() => ({
    errors: [{ parameters: {}, message: 'Rule does not exist' }],
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: `${PROBLEM_URI}invalid-request`,
  }));
  return {
    ...(errors.length > 0 ? { errors } : {}),
    meta: {
      sent: isoTime(ctx.clock.now()),
      summary: { deleted: found.length, not_deleted: missing.length },
    },
  };
}
