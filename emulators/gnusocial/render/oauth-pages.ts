import { htmlSpecialChars as esc } from '../domain/php.ts';
import type { Consumer } from '../domain/state.ts';

/**
 * The pages of GNU social's OAuth authorization step (`ApiOAuthAuthorizeAction`), reduced to
 * what a person or a browser test needs: the same form fields, ids and button names.
 */
function page(siteName: string, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
 <head>
  <meta charset="utf-8"/>
  <title>${esc(title)} - ${esc(siteName)}</title>
 </head>
 <body id="apioauthauthorize">
  <h1>${esc(title)}</h1>
${body}
 </body>
</html>
`;
}

export interface ConsentForm {
  siteName: string;
  action: string;
  consumer: Consumer;
  formToken: string;
  oauthToken: string;
  mode: string;
  error: string | null;
}

/** The consent form: nickname and password, then Cancel or Allow, as GNU social lays it out. */
export function consentPage(form: ConsentForm): string {
  const access = form.consumer.access === 'read-write' ? 'access and update' : 'access';
  const site = esc(form.siteName);
  const error = form.error ? `  <p class="error" role="alert">${esc(form.error)}</p>\n` : '';
  return page(
    form.siteName,
    'An application would like to connect to your account',
    `${error}  <form method="post" id="form_apioauthauthorize" class="form_settings" action="${esc(form.action)}">
   <fieldset>
    <legend id="apioauthauthorize_allowdeny">Allow or deny access</legend>
    <input type="hidden" id="token" name="token" value="${esc(form.formToken)}"/>
    <input type="hidden" id="mode" name="mode" value="${esc(form.mode)}"/>
    <input type="hidden" id="oauth_token" name="oauth_token" value="${esc(form.oauthToken)}"/>
    <p>The application <strong>${esc(form.consumer.name)}</strong> by <strong>${esc(form.consumer.organization)}</strong> would like the ability to <strong>${access}</strong> your ${site} account data. You should only give access to your ${site} account to third parties you trust.</p>
    <fieldset>
     <legend>Account</legend>
     <label for="nickname">Nickname</label>
     <input type="text" id="nickname" name="nickname" autofocus="autofocus"/>
     <label for="password">Password</label>
     <input type="password" id="password" name="password"/>
    </fieldset>
    <input id="cancel_submit" class="submit submit form_action-primary" name="cancel" type="submit" value="Cancel"/>
    <input id="allow_submit" class="submit submit form_action-secondary" name="allow" type="submit" value="Allow"/>
   </fieldset>
  </form>`,
  );
}

/** Out-of-band clients: the verifier ("security code") to type back into the application. */
export function pinPage(siteName: string, appName: string, verifier: string): string {
  return page(
    siteName,
    `You have successfully authorized ${appName}`,
    `  <p>Please return to ${esc(appName)} and enter the following security code to complete the process.</p>
  <div id="oauth_pin">${esc(verifier)}</div>`,
  );
}

export function infoPage(siteName: string, title: string, message: string): string {
  return page(siteName, title, `  <p>${esc(message)}</p>`);
}
