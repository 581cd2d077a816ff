/**
 * Hostname normalisation on the WHATWG URL parser (https://url.spec.whatwg.org/#host-parsing):
 * UTS #46 mapping (case folding, fullwidth letters, ideographic full stops, zero-width
 * characters dropped), punycode, percent-decoding and IPv4 shorthand, exactly as a
 * browser resolves the host it will connect to. Pure: no DOM, no `browser.*`.
 */
import punycode from 'punycode/punycode.js';

/**
 * Normalises a hostname to the ASCII form a browser uses, without a trailing dot.
 *
 * @param input - a bare host (`ＩＮＶＥＳＴＨＫ。gov。hk`, `xn--…`, `0x7f.1`).
 * @returns the lower-case ASCII host (`investhk.gov.hk`, `127.0.0.1`), or null when the
 *   WHATWG parser rejects it.
 */
export function toAsciiHost(input: string): string | null {
  try {
    return stripTrailingDot(new URL(`http://${input.trim()}/`).hostname);
  } catch {
    return null;
  }
}

/** Removes one trailing dot (`example.com.` → `example.com`): the same host for DNS. */
export function stripTrailingDot(host: string): string {
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

/**
 * Decodes punycode labels (`xn--nvesthk-qog.com` → `іnvesthk.com`, with a Cyrillic і).
 * Labels that fail to decode are kept as they are.
 */
export function toUnicodeHost(asciiHost: string): string {
  if (!asciiHost.includes('xn--')) return asciiHost;
  return asciiHost
    .split('.')
    .map((label) => {
      if (!label.startsWith('xn--')) return label;
      try {
        return punycode.decode(label.slice(4));
      } catch {
        return label;
      }
    })
    .join('.');
}

/** True when `host` is `domain` or one of its subdomains (label boundary respected). */
export function isSameOrSubdomain(host: string, domain: string): boolean {
  return host === domain || (host.length > domain.length && host.endsWith(domain) && host[host.length - domain.length - 1] === '.');
}
