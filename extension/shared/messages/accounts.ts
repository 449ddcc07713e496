import type { Settings } from '../settings.ts';

/** Messages of the accounts and settings area (options page -> background). */
export interface AccountMessages {
  'settings/save': { request: Settings; response: Settings };
}
