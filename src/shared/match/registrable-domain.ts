/**
 * Registrable domain (eTLD+1) from the Public Suffix List, private section included
 * (https://publicsuffix.org/list/), through tldts. With private suffixes, `github.io`,
 * `blogspot.com` and `pages.dev` are public suffixes, so `investhk.github.io` is its own
 * registrable domain and never shares an owner with `other.github.io`.
 */
import { parse } from 'tldts';

/** The parts of a host that the matcher needs. */
export interface DomainParts {
  /** The registrable domain (eTLD+1), or the host itself for IPs and bare suffixes. */
  registrable: string;
  /** The public suffix (`gov.hk`, `github.io`); empty for IP addresses. */
  publicSuffix: string;
  /** Labels left of the registrable domain (`www.pay` in `www.pay.example.com`); may be empty. */
  subdomain: string;
  /** The registrable domain without its suffix (`investhk` in `investhk.gov.hk`). */
  label: string;
  isIp: boolean;
  /** True when the suffix comes from the PSL's private section (a shared host such as github.io). */
  isPrivateSuffix: boolean;
}

const OPTIONS = { allowPrivateDomains: true, extractHostname: false, validateHostname: false, mixedInputs: false } as const;

/**
 * Splits a normalised ASCII host (see `toAsciiHost`) into its PSL parts.
 *
 * @param asciiHost - lower-case ASCII host without trailing dot.
 */
export function domainParts(asciiHost: string): DomainParts {
  const r = parse(asciiHost, OPTIONS);
  if (r.isIp || asciiHost.startsWith('[')) {
    return { registrable: asciiHost, publicSuffix: '', subdomain: '', label: asciiHost, isIp: true, isPrivateSuffix: false };
  }
  const registrable = r.domain ?? asciiHost;
  return {
    registrable,
    publicSuffix: r.publicSuffix ?? '',
    subdomain: r.subdomain ?? '',
    label: r.domainWithoutSuffix ?? registrable,
    isIp: false,
    isPrivateSuffix: r.isPrivate === true,
  };
}
