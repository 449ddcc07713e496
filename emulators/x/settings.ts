import { z } from 'zod';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * What the emulator can be switched between at run time (control API and TS helpers). Defaults
 * follow X's documentation for a self-serve (pay-per-use) project in 2026.
 */
export const settingsSchema = z.object({
  policy: z.object({
    /** Likes were removed from self-serve tiers (changelog, Apr 16 2026). */
    refuseLikes: z.boolean(),
    /** API replies only when the parent's author summoned the replier (changelog, Feb 23 2026). */
    refuseReplies: z.boolean(),
    /** Quote posts: same summoning rule, then removed from self-serve (Feb / Apr 2026). */
    refuseQuotes: z.boolean(),
    /** Pay-per-use account with no credits left: every billed call answers 402. */
    creditsDepleted: z.boolean(),
  }),
  stream: z.object({
    /** The docs promise a `\r\n` at least every 20 s. */
    keepAliveMs: z.number().int().min(1),
    /** Pay-per-use: 1,000 rules of at most 1,024 characters, one connection. */
    maxRules: z.number().int().min(0),
    maxRuleLength: z.number().int().min(1),
    maxConnections: z.number().int().min(1),
    /** `reject`: 429 TooManyConnections; `replace`: the new connection closes the old one. */
    onExtraConnection: z.enum(['reject', 'replace']),
    /** Answer 409 to a connection attempt while no rule exists (response-codes doc). */
    requireRules: z.boolean(),
    /** Delay between a post and its delivery (X's P99 is ~6-7 s); deleted meanwhile = dropped. */
    deliveryDelayMs: z.number().int().min(0),
  }),
  /** Access tokens from the PKCE flow live 2 h. */
  accessTokenTtlMs: z.number().int().min(1),
  /** Authorization codes must be exchanged within 30 s. */
  authCodeTtlMs: z.number().int().min(1),
  /** Recent search covers 7 days and queries of at most 512 characters (self-serve). */
  searchWindowMs: z.number().int().min(1),
  searchQueryMaxLength: z.number().int().min(1),
  /** Posts younger than this are not yet searchable (index lag); 0 = at once. */
  searchLagMs: z.number().int().min(0),
  /** How far back `POST /2/tweets` looks for the same text by the same author. */
  duplicateWindowMs: z.number().int().min(0),
  /** The account the consent page acts for; `null`: nobody is signed in. */
  signedInUserId: z.string().nullable(),
});
export type XSettings = z.infer<typeof settingsSchema>;

/** A partial update of the settings, one level deep. */
export const settingsPatchSchema = settingsSchema
  .extend({
    policy: settingsSchema.shape.policy.partial(),
    stream: settingsSchema.shape.stream.partial(),
  })
  .partial()
  .strict();
export type XSettingsPatch = z.infer<typeof settingsPatchSchema>;

export function defaultSettings(): XSettings {
  return {
    policy: { refuseLikes: true, refuseReplies: true, refuseQuotes: true, creditsDepleted: false },
    stream: {
      keepAliveMs: 20_000,
      maxRules: 1000,
      maxRuleLength: 1024,
      maxConnections: 1,
      onExtraConnection: 'reject',
      requireRules: true,
      deliveryDelayMs: 0,
    },
    accessTokenTtlMs: 2 * HOUR,
    authCodeTtlMs: 30_000,
    searchWindowMs: 7 * 24 * HOUR,
    searchQueryMaxLength: 512,
    searchLagMs: 0,
    duplicateWindowMs: 24 * HOUR,
    signedInUserId: null,
  };
}

/** Applies a patch in place (the settings object is shared by every module). */
export function applySettings(settings: XSettings, patch: XSettingsPatch): void {
  const { policy, stream, ...rest } = patch;
  if (policy) Object.assign(settings.policy, definedOnly(policy));
  if (stream) Object.assign(settings.stream, definedOnly(stream));
  Object.assign(settings, definedOnly(rest));
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>; // Entries of T filtered: the keys and value types are T's own.
}
