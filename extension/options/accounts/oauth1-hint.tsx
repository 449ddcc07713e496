import browser from 'webextension-polyfill';

/** How to get a consumer key, and the callback URL the site's registration form asks for. */
export function OAuth1Hint({ id }: { id: string }) {
  return (
    <p id={id} class="hint">
      On your site, register an application (Settings, then Connections, then “Register an OAuth
      client application”), with read-write access and this callback URL:{' '}
      <code>{browser.identity.getRedirectURL()}</code>. Then type its consumer key and secret here;
      your site will ask you to approve the bridge in a window of its own, where you sign in. Your
      password never passes through the bridge.
    </p>
  );
}
