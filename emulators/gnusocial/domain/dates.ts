/** The date formats GNU social's answers use; the site runs in UTC. */

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** `created_at` as the API writes it: `Thu Dec 03 18:10:31 +0000 2026` (always UTC here). */
export function twitterDate(ms: number): string {
  const d = new Date(ms);
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${two(d.getUTCDate())} ${time} +0000 ${d.getUTCFullYear()}`;
}

/** PHP `DATE_RFC1123`, used by `Last-Modified`: `Thu, 03 Dec 2026 18:10:31 +0000`. */
export function rfc1123Date(ms: number): string {
  const d = new Date(ms);
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${days[d.getUTCDay()]}, ${two(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${time} +0000`;
}

/** `2026-12-03`, the date part of tag: URIs. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `2026-12-03T18:10:28+00:00`, as in the URIs of follow notices. */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}

/** Unix seconds, as in ETags. */
export function unixSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
