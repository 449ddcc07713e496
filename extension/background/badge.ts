import browser from 'webextension-polyfill';
import type { Db } from '../shared/db.ts';
import { onChanged } from '../shared/changes.ts';
import type { Background } from './background.ts';

const TITLE = 'StatusNet–X Bridge';
const ALERT_COLOR = '#b3261e';

/** What the toolbar button says: empty when nothing needs the user. */
export interface BadgeState {
  text: string;
  title: string;
}

// TODO [2027-01-01]: a StatusNet password changed on the site shows only as failed items; a
// `state` on StatusNetAccount (a schema migration) would let the badge say "reconnect" for it.
/**
 * What needs the user, most urgent first: an account to reconnect stops everything, so it
 * wins over a count of failed items (which the options page lists with retry and skip).
 */
export async function badgeState(db: Db): Promise<BadgeState> {
  const x = await db.get('accounts', 'x');
  if (x?.role === 'x' && x.state === 'reconnect') {
    return { text: '!', title: `${TITLE}: reconnect your X account on the options page` };
  }

  const failed =
    (await db.countFromIndex('outbox', 'by-state', 'failed')) +
    (await db.countFromIndex('imports', 'by-state', 'failed'));
  if (failed > 0) {
    const items = failed === 1 ? '1 item failed' : `${failed} items failed`;
    return { text: failed > 99 ? '99+' : String(failed), title: `${TITLE}: ${items}` };
  }
  return { text: '', title: TITLE };
}

/**
 * Keeps the toolbar badge current: computed at start, and again whenever accounts, the outbox
 * or the imports change (in this context or an options page). Stops when `signal` aborts.
 */
export function startBadge(bg: Background, signal = new AbortController().signal): void {
  let shown: string | undefined;

  const update = async () => {
    const state = await badgeState(await bg.db());
    const key = `${state.text}|${state.title}`;
    if (key === shown) return;
    shown = key;
    await browser.action.setBadgeText({ text: state.text });
    await browser.action.setTitle({ title: state.title });
    if (state.text) await browser.action.setBadgeBackgroundColor({ color: ALERT_COLOR });
  };
  const run = () => void update().catch((error: unknown) => bg.report('system', error));

  onChanged((topic) => {
    if (topic === 'accounts' || topic === 'outbox' || topic === 'imports') run();
  }, signal);
  run();
}
