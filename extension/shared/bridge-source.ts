/**
 * The `source` the bridge sets on every notice it writes into StatusNet. GNU social shows it as
 * text under the notice ("from StatusNet-X Bridge"), and the export loop guard reads it back: a
 * notice with this source came from X and is never exported. ASCII only, so that no site's
 * charset handling can change it between writing and reading.
 */
export const BRIDGE_SOURCE = 'StatusNet-X Bridge';
