/**
 * Which feed addresses the extension fetches: `https:` only, so what a person subscribed
 * to is what arrives and nobody on the path learns which feeds they follow. The one
 * exception is a loopback address (`localhost`, `127.0.0.0/8`, `[::1]`), where a publisher
 * tests a feed on their own machine: nothing leaves the computer. No user name or password
 * in the URL; the fragment is dropped. Pure.
 */

/** True for loopback hosts: `localhost` (and `*.localhost`, RFC 6761 §6.3), 127.0.0.0/8, [::1]. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost') || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '[::1]';
}

/**
 * A feed URL as the extension stores and fetches it, or why it cannot be one.
 *
 * @returns `{ url }` (normalised by the URL parser, no fragment) or `{ problem }` in plain words.
 */
export function checkFeedUrl(input: string): { url: string; problem?: undefined } | { url?: undefined; problem: string } {
  let u: URL;
  try {
    u = new URL(input.trim());
  } catch {
    return { problem: 'The feed address is not a URL.' };
  }
  if (u.username || u.password) return { problem: 'The feed address must not contain a user name or password.' };
  if (u.protocol === 'http:' && isLoopbackHost(u.hostname)) {
    // development on the publisher's own machine
  } else if (u.protocol !== 'https:') {
    return { problem: 'The feed address must start with https:// (only a feed on this computer, such as http://localhost, may use http).' };
  }
  u.hash = '';
  return { url: u.toString() };
}
