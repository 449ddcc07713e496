/**
 * The forms of GNU social's (and StatusNet's) web UI the bridge cares about, by the ids and
 * classes their themes have kept since StatusNet 1.x: the notice form (also the inline reply
 * forms), and the repeat, fave, disfave and delete forms.
 */
export const NOTICE_FORM = 'form.form_notice, form#form_notice';
export const NOTICE_TEXT = 'textarea[name="status_textarea"], textarea.notice_data-text';

const ACTION_FORMS = [
  'form.form_repeat',
  'form.form_favor',
  'form.form_disfavor',
  'form.form_notice_delete',
  'form#form_notice_delete',
].join(', ');

export type SiteAction = 'notice' | 'other-action';

/** What a submitted form does on the site, if it is something export mirrors. */
export function actionOf(form: HTMLFormElement): SiteAction | undefined {
  if (form.matches(NOTICE_FORM)) return 'notice';
  if (form.matches(ACTION_FORMS)) return 'other-action';
  return undefined;
}

/** The text being posted with a notice form. */
export function noticeText(form: HTMLFormElement): string {
  return form.querySelector<HTMLTextAreaElement>(NOTICE_TEXT)?.value ?? '';
}
