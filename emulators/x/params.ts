import type { Context } from 'hono';
import { problems, type InvalidParameter } from './errors.ts';
import { ID_PATTERN } from './ids.ts';

/** The requested fields and expansions, as sets (empty when not requested). */
export interface FieldSelection {
  tweet: ReadonlySet<string>;
  user: ReadonlySet<string>;
  media: ReadonlySet<string>;
  expansions: ReadonlySet<string>;
}

/**
 * Reads a request's query the way X does: unknown parameters, values outside a list, numbers
 * out of range and malformed ids are all 400s, reported together in one invalid-request.
 */
export function readQuery(c: Context, allowed: readonly string[]) {
  const url = new URL(c.req.url);
  const errors: InvalidParameter[] = [];
  const seen = new Map<string, string>();
  for (const [name, value] of url.searchParams) {
    if (!allowed.includes(name)) {
      errors.push({
        parameters: { [name]: [value] },
        message: `The query parameter [${name}] is not one of [${allowed.join(',')}]`,
      });
    } else seen.set(name, value);
  }

  const query = {
    errors,
    raw: (name: string) => seen.get(name),

    list(name: string, values: readonly string[]): Set<string> {
      const raw = seen.get(name);
      if (raw === undefined) return new Set();
      const items = raw.split(',');
      const bad = items.filter((v) => !values.includes(v));
      if (bad.length > 0) {
        errors.push({
          parameters: { [name]: [raw] },
          message: `The \`${name}\` query parameter value [${bad[0]}] is not one of [${values.join(',')}]`,
        });
      }
      return new Set(items);
    },

    integer(name: string, min: number, max: number, fallback: number): number {
      const raw = seen.get(name);
      if (raw === undefined) return fallback;
      const value = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
      if (!(value >= min && value <= max)) {
        errors.push({
          parameters: { [name]: [raw] },
          message: `The \`${name}\` query parameter value [${raw}] is not between ${min} and ${max}`,
        });
        return fallback;
      }
      return value;
    },

    id(name: string): string | undefined {
      const raw = seen.get(name);
      if (raw !== undefined && !ID_PATTERN.test(raw)) {
        errors.push(idError(name, raw));
        return undefined;
      }
      return raw;
    },

    time(name: string): number | undefined {
      const raw = seen.get(name);
      if (raw === undefined) return undefined;
      const ms = Date.parse(raw);
      if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(ms)) {
        errors.push({
          parameters: { [name]: [raw] },
          message: `The \`${name}\` query parameter value [${raw}] is not a valid date-time`,
        });
        return undefined;
      }
      return ms;
    },

    fields(params: Record<string, readonly string[]>): FieldSelection {
      const get = (name: string) =>
        params[name] ? query.list(name, params[name]) : new Set<string>();
      return {
        tweet: get('tweet.fields'),
        user: get('user.fields'),
        media: get('media.fields'),
        expansions: get('expansions'),
      };
    },

    /** Throws the collected problems, if any: call after reading every parameter. */
    done(): void {
      if (errors.length > 0) throw problems.invalidRequest(errors);
    },
  };
  return query;
}

/** The error for an id in the path or query that is not X's id syntax. */
export function idError(name: string, value: string): InvalidParameter {
  return {
    parameters: { [name]: [value] },
    message: `The \`${name}\` query parameter value [${value}] does not match ^[0-9]{1,19}$`,
  };
}

/** Validates an id from the path, as X does (with the same wording as for the query). */
export function pathId(c: Context, name: string): string {
  const value = c.req.param(name) ?? '';
  if (!ID_PATTERN.test(value)) throw problems.invalidRequest([idError(name, value)]);
  return value;
}
