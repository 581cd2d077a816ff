/**
 * What a link's visible text claims as its destination. Mail clients and web pages show
 * text such as `www.investhk.gov.hk`, `<investhk.gov.hk>` or a full URL; a deceptive link
 * shows one domain and goes to another (the "deceptive-link" verdict).
 */
import { foldText } from './normalize-text';
import { toAsciiHost } from './host';

// Something that looks like a host, optionally with a scheme and path: at least one dot
// (ASCII or the fullwidth/ideographic full stops that browsers treat as dots) and a final
// label of letters.
const HOST_LIKE =
  /(?:[a-z][a-z0-9+.-]*:\/\/)?((?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?[.\u3002\uff0e\uff61])+\p{L}{2,63})\.?(?=$|[\s/?#:>)\]"'<,;!]|\.(?:\s|$))/giu;

/**
 * The hosts that `text` displays as link destinations.
 *
 * @param text - a link's visible text.
 * @returns normalised ASCII hosts, without duplicates; empty when the text shows no host.
 */
export function displayedHosts(text: string): string[] {
  const folded = foldText(text);
  if (!/[.\u3002\uff0e\uff61]/.test(folded)) return [];
  const hosts = new Set<string>();
  for (const m of folded.matchAll(HOST_LIKE)) {
    const host = toAsciiHost(m[1]!);
    if (host && host.includes('.')) hosts.add(host);
  }
  return [...hosts];
}
