import type { Background } from '../background.ts';
import { startBadge } from '../badge.ts';
import { XApiError } from '../clients/x-error.ts';
import { saveSettingsChecked } from './settings-save.ts';
import { checkStatusNet } from './statusnet-check.ts';
import { connectStatusNet } from './statusnet-connect.ts';
import { disconnectStatusNet } from './statusnet-disconnect.ts';
import { checkX } from './x-check.ts';
import { connectX } from './x-connect.ts';
import { disconnectX } from './x-disconnect.ts';
import { refreshXTokenIfDue } from './x-token.ts';

export const TOKEN_ALARM = 'accounts/x-token-refresh';

/** How often the X token's expiry is checked; tokens live 2 h. */
const TOKEN_CHECK_MINUTES = 30;

/**
 * The accounts area of the background: the options page's connect, disconnect and settings
 * messages, the alarm that refreshes X tokens ahead of expiry, and the toolbar badge.
 * Registers everything synchronously (the worker's first turn).
 */
export function startAccounts(bg: Background): void {
  bg.router.on('settings/save', async (settings) => saveSettingsChecked(await bg.db(), settings));
  bg.router.on('accounts/statusnet-connect', async (request) =>
    connectStatusNet(await bg.db(), request),
  );
  bg.router.on('accounts/statusnet-disconnect', async ({ role }) =>
    disconnectStatusNet(await bg.db(), role),
  );
  bg.router.on('accounts/statusnet-check', async ({ role }) => checkStatusNet(await bg.db(), role));
  bg.router.on('accounts/x-connect', async () => connectX(await bg.db()));
  bg.router.on('accounts/x-disconnect', async () => disconnectX(await bg.db()));
  bg.router.on('accounts/x-check', async () => checkX(await bg.db()));

  bg.alarms.on(TOKEN_ALARM, async () => {
    const db = await bg.db();
    try {
      // Due within the next check, plus the margin xAccessToken keeps: never found expired.
      await refreshXTokenIfDue(db, (TOKEN_CHECK_MINUTES + 10) * 60_000);
    } catch (error) {
      // A refusal is already logged (and the account marked); X being away is retried by the
      // next alarm or the next call that needs the token.
      if (error instanceof XApiError && (error.kind === 'auth' || error.retryable)) return;
      throw error;
    }
  });
  void bg.alarms
    .ensure(TOKEN_ALARM, { periodInMinutes: TOKEN_CHECK_MINUTES, delayInMinutes: 1 })
    .catch((error: unknown) => bg.report('account', error));

  startBadge(bg);
}
