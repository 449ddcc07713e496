import type { OAuthClient } from './oauth-clients.ts';
import type { XUser } from './state.ts';

const SCOPE_TEXT: Record<string, string> = {
  'tweet.read': 'See Posts from your timeline, including protected Posts.',
  'tweet.write': 'Post and repost for you.',
  'users.read': 'See any account you can view.',
  'follows.read': 'See who you follow and who follows you.',
  'follows.write': 'Follow and unfollow accounts for you.',
  'like.read': 'See Posts you have liked.',
  'like.write': 'Like and unlike Posts for you.',
  'media.write': 'Upload media for you.',
  'offline.access': 'Stay connected to your account until you revoke access.',
};

const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function page(title: string, content: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#0f1419}
button{font:inherit;padding:.6rem 1.2rem;border-radius:9999px;border:1px solid #cfd9de;margin-right:.5rem;cursor:pointer}
button[value=allow]{background:#0f1419;color:#fff;border-color:#0f1419}</style></head>
<body><main>${content}</main></body></html>`;
}

/** The consent screen: who is signed in, what the app asks for, Authorize or Cancel. */
export function consentPage(
  client: OAuthClient,
  user: XUser,
  scopes: string[],
  params: URLSearchParams,
): string {
  const hidden = [...params]
    .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
    .join('');
  const items = scopes
    .map(
      (s) =>
        `<li><strong>${escape(s)}</strong>: ${escape(SCOPE_TEXT[s] ?? 'Access your account.')}</li>`,
    )
    .join('');
  return page(
    `Authorize ${client.name}`,
    `<h1>${escape(client.name)} wants to access your X account</h1>
<p>Signed in as <strong>${escape(user.name)}</strong> (@${escape(user.username)}).</p>
<h2>Things this app will be able to do</h2>
<ul>${items}</ul>
<form method="post" action="/i/oauth2/authorize">${hidden}
<button type="submit" name="decision" value="allow">Authorize app</button>
<button type="submit" name="decision" value="deny">Cancel</button>
</form>`,
  );
}

/** X's dead end for a request it cannot send back to the app (bad client or callback URL). */
export function errorPage(reason: string): string {
  return page(
    'Something went wrong',
    `<h1>Something went wrong</h1>
<p>You weren't able to give access to the App. Go back and try logging in again.</p>
<p role="note">Emulator: ${escape(reason)}</p>`,
  );
}
