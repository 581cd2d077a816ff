/**
 * Turns a raw href or URL string into the thing a browser would act on, using the WHATWG
 * URL parser (https://url.spec.whatwg.org/): userinfo (`https://investhk.gov.hk@pay.example/`
 * goes to pay.example), backslashes as path separators, IDNA mapping, percent-encoded
 * hosts, IPv4 shorthand, trailing dots. Non-web schemes are classified, not judged as hosts.
 */
import { stripTrailingDot, toAsciiHost } from './host';

/** What a link or URL points at. */
export type Target =
  | { kind: 'web'; url: URL; host: string }
  | { kind: 'mailto'; hosts: string[] }
  /** Schemes that run or embed content chosen by the page: never official. */
  | { kind: 'script'; scheme: string }
  /** Other schemes (tel:, sms:, about:, chrome-extension:…): nothing to judge. */
  | { kind: 'other'; scheme: string }
  | { kind: 'invalid' };

const WEB_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:']);
const SCRIPT_SCHEMES = new Set(['javascript:', 'data:', 'blob:', 'vbscript:', 'filesystem:']);
// Zero-width and bidi-control characters that a page can hide inside an href.
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad]/g;

/**
 * Parses `raw` (optionally relative to `base`).
 *
 * @param raw - an href attribute value or a URL typed or pasted by a person.
 * @param base - the page URL for relative hrefs.
 */
export function parseTarget(raw: string, base?: string): Target {
  let url: URL;
  try {
    url = new URL(raw.replace(INVISIBLE, ''), base);
  } catch {
    return { kind: 'invalid' };
  }
  const scheme = url.protocol;
  if (WEB_SCHEMES.has(scheme)) {
    if (!url.hostname) return { kind: 'invalid' };
    return { kind: 'web', url, host: stripTrailingDot(url.hostname) };
  }
  if (SCRIPT_SCHEMES.has(scheme)) return { kind: 'script', scheme: scheme.slice(0, -1) };
  if (scheme === 'mailto:') {
    const hosts = mailtoHosts(url);
    return hosts.length > 0 ? { kind: 'mailto', hosts } : { kind: 'invalid' };
  }
  return { kind: 'other', scheme: scheme.slice(0, -1) };
}

/** The mail domains of every recipient of a mailto: URL (RFC 6068), normalised. */
function mailtoHosts(url: URL): string[] {
  let recipients: string;
  try {
    recipients = decodeURIComponent(url.pathname);
  } catch {
    recipients = url.pathname;
  }
  const hosts: string[] = [];
  for (const address of recipients.split(',')) {
    const at = address.lastIndexOf('@');
    if (at < 0) continue;
    const host = toAsciiHost(address.slice(at + 1).replace(/[>\s]+$/, ''));
    if (host) hosts.push(host);
  }
  return hosts;
}
