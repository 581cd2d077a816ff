/**
 * What a feed may name as an official domain, a scam host or an allowlist entry, checked
 * against the Public Suffix List (https://publicsuffix.org/list/, ICANN and private
 * sections, through tldts) after the WHATWG host parser's normalisation (`toAsciiHost`).
 *
 * - A public suffix is never a domain anybody owns: `com`, `top`, `gov.hk`, `com.hk` (ICANN
 *   section) and `github.io`, `blogspot.com`, `pages.dev` (private section: shared hosting,
 *   where every customer gets their own registrable domain). Claiming one as official would
 *   make every site under it "official"; listing one as a scam host would flag every
 *   customer of a hosting service.
 * - So official domains and scam hosts are a registrable domain (eTLD+1, such as
 *   `investhk.gov.hk` or `investhk-claim.github.io`) or a host under one.
 * - A wildcard (`*`) is never a host: subdomains are always covered already.
 * - IP literals: a scam page can live on a bare address, so scam hosts may be one; an
 *   agency's official site never is (an address can change hands), so official domains may not.
 * Pure: no `browser.*`, no DOM.
 */
import { parse } from 'tldts';
import { toAsciiHost } from '../match/host';

const PSL_OPTIONS = { allowPrivateDomains: true, extractHostname: false, validateHostname: false, mixedInputs: false } as const;
/** Characters of a normalised host name (LDH labels, and `_` which some real hosts use). */
const HOST_CHARS = /^[a-z0-9_.-]+$/;

/** How a host relates to the Public Suffix List. */
export type HostKind = 'invalid' | 'wildcard' | 'ip' | 'public-suffix' | 'registrable' | 'subdomain';

export interface HostCheck {
  kind: HostKind;
  /** The normalised ASCII host (punycode, lower case), or null when it does not parse. */
  host: string | null;
  /** The public suffix (`gov.hk`, `github.io`), when there is one. */
  suffix: string | null;
  /** True when the suffix comes from the PSL's private section. */
  privateSuffix: boolean;
}

/**
 * Classifies a host as written in a feed or typed by a person.
 *
 * @param input - a bare host (Unicode or punycode, any case).
 */
export function classifyHost(input: string): HostCheck {
  if (input.includes('*')) return { kind: 'wildcard', host: null, suffix: null, privateSuffix: false };
  const host = toAsciiHost(input);
  if (host === null || host === '') return { kind: 'invalid', host: null, suffix: null, privateSuffix: false };
  const r = parse(host, PSL_OPTIONS);
  if (r.isIp || host.startsWith('[')) return { kind: 'ip', host, suffix: null, privateSuffix: false };
  if (!HOST_CHARS.test(host)) return { kind: 'invalid', host, suffix: null, privateSuffix: false };
  const suffix = r.publicSuffix ?? null;
  const privateSuffix = r.isPrivate === true;
  if (!r.domain) return { kind: 'public-suffix', host, suffix: suffix ?? host, privateSuffix };
  return { kind: r.domain === host ? 'registrable' : 'subdomain', host, suffix, privateSuffix };
}

function suffixWords(check: HostCheck): string {
  return check.privateSuffix
    ? `a public suffix (a shared hosting service on the Public Suffix List's private section, where every customer has their own domain)`
    : `a public suffix (like com or gov.hk: nobody owns it)`;
}

/**
 * Why `input` cannot be an official domain, or null when it can.
 *
 * @returns a plain-words reason (public suffix, wildcard, IP literal, not a host).
 */
export function officialDomainProblem(input: string): string | null {
  const check = classifyHost(input);
  switch (check.kind) {
    case 'wildcard':
      return `"${input}" is a wildcard; list the registrable domain (its subdomains are official too)`;
    case 'invalid':
      return `"${input}" is not a valid hostname`;
    case 'ip':
      return `"${input}" is an IP address; an official domain must be a domain name`;
    case 'public-suffix':
      return `"${input}" is ${suffixWords(check)}; an official domain must be a registrable domain or a host under one`;
    default:
      return null;
  }
}

/**
 * Why `input` cannot be a scam host, or null when it can (IP literals can).
 *
 * @returns a plain-words reason (public suffix, wildcard, not a host).
 */
export function scamHostProblem(input: string): string | null {
  const check = classifyHost(input);
  switch (check.kind) {
    case 'wildcard':
      return `"${input}" is a wildcard; list the host (its subdomains are covered too)`;
    case 'invalid':
      return `"${input}" is not a valid hostname`;
    case 'public-suffix':
      return `"${input}" is ${suffixWords(check)}; a scam entry must be a registrable domain, a host under one, or an IP address`;
    default:
      return null;
  }
}

/**
 * A user allowlist entry (a site the user marks as a false alarm), normalised; or why it
 * cannot be one. Hosts and registrable domains are fine; a public suffix, a wildcard or
 * something that is not a host is not (it would silence warnings for whole parts of the web).
 *
 * @returns `{ host }` (ASCII, lower case) or `{ problem }` in plain words.
 */
export function allowlistEntry(input: string): { host: string; problem?: undefined } | { host?: undefined; problem: string } {
  const check = classifyHost(input.trim().replace(/\.$/, ''));
  if (check.kind === 'registrable' || check.kind === 'subdomain' || check.kind === 'ip') return { host: check.host! };
  if (check.kind === 'public-suffix') return { problem: `"${input}" is ${suffixWords(check)}, not a site` };
  if (check.kind === 'wildcard') return { problem: `"${input}" is a wildcard, not a site` };
  return { problem: `"${input}" is not a site address` };
}
