import { sendMessage } from '../shared/messages.ts';
import { switchOn, watchForms } from './composer-switch.ts';
import { actionOf, noticeText } from './site-forms.ts';

/**
 * The content script on the user's StatusNet site. It adds the "Also post to X" switch to the
 * notice form, tells the bridge which text to keep off X when the switch is off, and nudges it
 * to look at once after the user posts, repeats, faves or deletes, instead of at the next poll.
 */

// A full-page form post unloads this script before it can nudge: the next page does it.
const NUDGE_KEY = 'bridge-x-nudge';
const NUDGE_FRESH_MS = 60_000;
// The site needs a moment to store the notice; the background polls again if it is not there.
const NUDGE_DELAY_MS = 300;

const controller = new AbortController();
// Submits the script already handled and sends again itself (after the skip request landed).
const released = new WeakSet<HTMLFormElement>();

function nudgeSoon(delayMs = NUDGE_DELAY_MS): void {
  sessionStorage.setItem(NUDGE_KEY, String(Date.now()));
  setTimeout(() => {
    sessionStorage.removeItem(NUDGE_KEY);
    void sendMessage('export/sync-now', { reason: 'nudge' }).catch(() => undefined);
  }, delayMs);
}

function onSubmit(event: SubmitEvent): void {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  const action = actionOf(form);
  if (!action) return;

  if (action === 'notice' && !switchOn(form) && !released.has(form)) {
    // Hold the submit until the bridge knows to skip this text, or the poll could beat it.
    event.preventDefault();
    event.stopImmediatePropagation();
    const submitter = event.submitter;
    void sendMessage('export/skip-text', { text: noticeText(form) })
      .catch(() => undefined)
      .finally(() => {
        released.add(form);
        form.requestSubmit(submitter instanceof HTMLElement ? submitter : null);
      });
    return;
  }
  released.delete(form);
  nudgeSoon();
}

async function start(): Promise<void> {
  const pending = Number(sessionStorage.getItem(NUDGE_KEY));
  // The page that follows a form post: the site has stored what was posted, nudge at once.
  if (pending && Date.now() - pending < NUDGE_FRESH_MS) nudgeSoon(0);

  const { active, defaultOn } = await sendMessage('export/composer', {});
  if (!active) return;
  watchForms(defaultOn, controller.signal);
  document.addEventListener('submit', onSubmit, { capture: true, signal: controller.signal });
}

void start().catch(() => {
  // The extension was updated or removed under the page: the site works as it did without it.
  controller.abort();
});
