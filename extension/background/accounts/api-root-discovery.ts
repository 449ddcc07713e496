import { z } from 'zod';
import { callStatusNet } from '../clients/statusnet-request.ts';
import { StatusNetError } from '../clients/statusnet-error.ts';
import { apiRootCandidates, parseSiteUrl } from './site-url.ts';

/** `help/test` answers the JSON string "ok" on GNU social (`true` on some older StatusNets). */
const helpTestSchema = z.union([z.literal('ok'), z.literal(true)]);

/** Why no API root was found, in words for the server field. */
export class DiscoveryError extends Error {
  override readonly name = 'DiscoveryError';
  constructor(
    readonly kind: 'unreachable' | 'not-api',
    message: string,
  ) {
    super(message);
  }
}

export interface DiscoveryOptions {
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Per probe; a site that takes longer than this to say "ok" is treated as unreachable. */
  timeoutMs?: number;
}

/**
 * Finds the API root of the StatusNet / GNU social site the user typed, by asking each
 * candidate root's `help/test` (anonymously: no credential leaves before we know where the API
 * is). Throws a DiscoveryError the options page can show beside the server field.
 */
export async function discoverApiRoot(input: string, options: DiscoveryOptions = {}) {
  const candidates = apiRootCandidates(input);
  const host = parseSiteUrl(input).host;

  for (const apiBase of candidates) {
    try {
      await callStatusNet(
        {
          apiBase,
          timeoutMs: options.timeoutMs ?? 15_000,
          ...(options.fetch && { fetch: options.fetch }),
        },
        {
          method: 'GET',
          path: 'help/test',
          schema: helpTestSchema,
          anonymous: true,
          ...(options.signal && { signal: options.signal }),
        },
      );
      return apiBase;
    } catch (error) {
      if (!(error instanceof StatusNetError)) throw error;
      // TODO [2027-01-01]: a site closed to anonymous readers answers help/test with 401 and is
      // taken for "no API" here; probing again with the user's credentials would let it connect.
      // Every candidate is on the same host: if one cannot be reached, none can.
      if (error.kind === 'network') {
        throw new DiscoveryError(
          'unreachable',
          `${error.serviceMessage}. Check the address and that the site is up.`,
        );
      }
    }
  }

  throw new DiscoveryError(
    'not-api',
    `No StatusNet / GNU social API answered at ${host}. Check the address: the site's API ` +
      'usually lives at https://your.site/api.',
  );
}
