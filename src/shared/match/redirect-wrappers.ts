/**
 * Redirect wrappers: services that rewrite links so the click goes through them first
 * (mail security gateways, social networks, search engines). The engine judges the
 * wrapped target, not the wrapper. Adding a wrapper means adding a row to
 * {@link REDIRECT_WRAPPERS}; the unwrapping loop is generic.
 *
 * Sources for the formats: Microsoft Defender for Office 365 Safe Links documentation
 * (`*.safelinks.protection.outlook.com/?url=`), Proofpoint URL Defense v2/v3 link formats
 * (as decoded by Proofpoint's published `urldecoder` script), and the observable link
 * formats of Google (redirect and AMP viewer), Facebook, Instagram, LinkedIn, Slack,
 * Microsoft Teams, YouTube, Barracuda Link Protection, WeChat's and WeCom's link
 * confirmation pages, VK and Steam. Mimecast URL Protect carries no target in the link (the
 * path is a key looked up on Mimecast's servers): such an opaque wrapper is judged as an
 * unknown destination, never as the official site it may lead to.
 *
 * A target encoded twice (SafeLinks around a Google redirect whose `q` was encoded again)
 * is decoded until it parses, at most twice more.
 */

/** How the target is carried. */
type WrapperEncoding =
  /** In one of `params`, percent-encoded as usual. */
  | { kind: 'query'; params: readonly string[] }
  /** Proofpoint v2: `u` param with `-` for `%` and `_` for `/`. */
  | { kind: 'proofpoint-v2' }
  /** Proofpoint v3: `/v3/__<url>__;<base64 of replaced chars>!!…`. */
  | { kind: 'proofpoint-v3' }
  /** Google AMP viewer: `/amp/s/<host>/<path>` (https) or `/amp/<host>/<path>` (http). */
  | { kind: 'amp-path' }
  /** The target is not in the link at all (looked up on the wrapper's server): judged as unknown. */
  | { kind: 'opaque' };

/** One redirect wrapper. */
export interface RedirectWrapper {
  /** Short id recorded in reasons as `unwrapped-redirect:<id>`. */
  id: string;
  /** Matches the wrapper's ASCII hostname. */
  host: RegExp;
  /** Matches the URL path; omitted means any path. */
  path?: RegExp;
  encoding: WrapperEncoding;
}

/** The wrappers the engine knows, most common first. */
export const REDIRECT_WRAPPERS: readonly RedirectWrapper[] = [
  { id: 'safelinks', host: /^(?:[a-z0-9-]+\.)*safelinks\.protection\.outlook\.com$/, encoding: { kind: 'query', params: ['url'] } },
  {
    id: 'teams-safelinks',
    host: /^statics\.teams\.cdn\.office\.net$/,
    path: /safelinks/,
    encoding: { kind: 'query', params: ['url'] },
  },
  { id: 'google', host: /^(?:www\.)?google\.(?:com?\.)?[a-z]{2,3}$/, path: /^\/url$/, encoding: { kind: 'query', params: ['q', 'url'] } },
  { id: 'facebook', host: /^(?:l|lm|m|www)\.facebook\.com$/, path: /^\/l\.php$/, encoding: { kind: 'query', params: ['u'] } },
  { id: 'instagram', host: /^l\.instagram\.com$/, encoding: { kind: 'query', params: ['u'] } },
  { id: 'messenger', host: /^l\.messenger\.com$/, path: /^\/l\.php$/, encoding: { kind: 'query', params: ['u'] } },
  { id: 'proofpoint-v2', host: /^urldefense\.proofpoint\.com$/, path: /^\/v2\/url$/, encoding: { kind: 'proofpoint-v2' } },
  { id: 'proofpoint-v3', host: /^urldefense\.(?:com|us)$/, path: /^\/v3\/__/, encoding: { kind: 'proofpoint-v3' } },
  {
    id: 'linkedin',
    host: /^(?:www\.)?linkedin\.com$/,
    path: /^\/(?:redir\/redirect|safety\/go)\/?$/,
    encoding: { kind: 'query', params: ['url'] },
  },
  { id: 'slack', host: /^slack-redir\.net$/, path: /^\/link$/, encoding: { kind: 'query', params: ['url'] } },
  { id: 'youtube', host: /^(?:www\.|m\.)?youtube\.com$/, path: /^\/redirect$/, encoding: { kind: 'query', params: ['q'] } },
  { id: 'google-amp', host: /^(?:www\.)?google\.(?:com?\.)?[a-z]{2,3}$/, path: /^\/amp\//, encoding: { kind: 'amp-path' } },
  { id: 'barracuda', host: /^linkprotect\.cudasvc\.com$/, path: /^\/url\/?$/, encoding: { kind: 'query', params: ['a', 'u'] } },
  {
    id: 'wechat',
    host: /^(?:weixin110\.qq\.com|security\.wechat\.com)$/,
    path: /^\/cgi-bin\/mmspamsupport-bin\/newredirectconfirmcgi$/,
    encoding: { kind: 'query', params: ['url'] },
  },
  {
    id: 'wecom',
    host: /^open\.work\.weixin\.qq\.com$/,
    path: /^\/wwopen\/uriconfirm$/,
    encoding: { kind: 'query', params: ['uri', 'url'] },
  },
  { id: 'mimecast', host: /^protect(?:-[a-z]{2})?\.mimecast\.com$/, path: /^\/s\//, encoding: { kind: 'opaque' } },
  { id: 'vk', host: /^(?:m\.)?vk\.com$/, path: /^\/away\.php$/, encoding: { kind: 'query', params: ['to'] } },
  { id: 'steam', host: /^steamcommunity\.com$/, path: /^\/linkfilter\/?$/, encoding: { kind: 'query', params: ['url', 'u'] } },
];

/** Nested wrappers are unwrapped at most this many times (a safelink around a Google link…). */
export const MAX_UNWRAP_DEPTH = 5;

/** The result of unwrapping. */
export interface Unwrapped {
  /** The innermost URL found. */
  url: URL;
  /** Wrapper ids, outermost first. */
  wrappers: string[];
  /** The id of an opaque wrapper that hides the destination (`url` is then the wrapper itself). */
  opaque?: string;
  /** True when the link was still wrapped after {@link MAX_UNWRAP_DEPTH} levels: a link built to tire checkers. */
  tooDeep?: boolean;
}

/**
 * Removes redirect wrappers, up to {@link MAX_UNWRAP_DEPTH} levels.
 *
 * @param url - a parsed http(s) URL.
 * @returns the innermost http(s) target and the wrappers removed (empty when `url` is not
 *   a wrapper, or when the wrapped value is not an absolute http(s) URL).
 */
export function unwrapRedirects(url: URL): Unwrapped {
  const wrappers: string[] = [];
  let current = url;
  for (let depth = 0; ; depth++) {
    const wrapper = wrapperOf(current);
    if (!wrapper) break;
    if (wrapper.encoding.kind === 'opaque') return { url: current, wrappers, opaque: wrapper.id };
    if (depth === MAX_UNWRAP_DEPTH) return { url: current, wrappers, tooDeep: true };
    const inner = extractTarget(current, wrapper.encoding);
    if (!inner) break;
    wrappers.push(wrapper.id);
    current = inner;
  }
  return { url: current, wrappers };
}

/** The registrable domains of every wrapper host (patterns; the part before the first dot is the name). */
const WRAPPER_DOMAIN_PATTERNS = [
  'outlook\\.com',
  'office\\.net',
  'google\\.[a-z.]+',
  'facebook\\.com',
  'instagram\\.com',
  'messenger\\.com',
  'urldefense\\.[a-z.]+',
  'linkedin\\.com',
  'slack-redir\\.net',
  'youtube\\.com',
  'cudasvc\\.com',
  'qq\\.com',
  'wechat\\.com',
  'mimecast\\.com',
  'vk\\.com',
  'steamcommunity\\.com',
];
/** The registrable domains of every wrapper host: one test that most URLs fail. */
const WRAPPER_DOMAINS = new RegExp(`(?:^|\\.)(?:${WRAPPER_DOMAIN_PATTERNS.join('|')})$`);

/**
 * Regular-expression sources for the link prefilter (`link-prefilter.ts`), which cannot carry
 * this module: `hosts` matches a hostname that some wrapper of {@link REDIRECT_WRAPPERS}
 * serves; `routes` matches `hostname + "\0" + pathname` of a URL exactly when a wrapper
 * reads it (host and path).
 *
 * @throws Error when a wrapper's host pattern is not anchored (`^…$`) or a pattern has flags
 *   (the table is ours; a test builds it).
 */
export function wrapperRoutesSource(): { hosts: string; routes: string } {
  const routes = REDIRECT_WRAPPERS.map((w) => {
    const host = w.host.source;
    if (!host.startsWith('^') || !host.endsWith('$') || w.host.flags) throw new Error(`wrapper ${w.id}: host pattern must be ^…$`);
    if (w.path?.flags) throw new Error(`wrapper ${w.id}: path pattern must have no flags`);
    const path = w.path?.source ?? '';
    // An unanchored path pattern (`/safelinks/`) may match anywhere in the path.
    const route = !path ? '' : path.startsWith('^') ? `(?:${path.slice(1)})` : `[\\s\\S]*?(?:${path})`;
    return `(?:${host.slice(1, -1)})\\x00${route}`;
  });
  const hosts = REDIRECT_WRAPPERS.map((w) => `(?:${w.host.source.slice(1, -1)})`);
  return { hosts: `^(?:${hosts.join('|')})$`, routes: `^(?:${routes.join('|')})` };
}

/** True when `host` is on the registrable domain of a redirect wrapper (whatever its path). */
export function isWrapperDomain(host: string): boolean {
  return WRAPPER_DOMAINS.test(host);
}

function wrapperOf(url: URL): RedirectWrapper | undefined {
  const host = url.hostname;
  if (!WRAPPER_DOMAINS.test(host)) return undefined;
  return REDIRECT_WRAPPERS.find((w) => w.host.test(host) && (!w.path || w.path.test(url.pathname)));
}

function extractTarget(url: URL, encoding: WrapperEncoding): URL | null {
  switch (encoding.kind) {
    case 'query':
      for (const param of encoding.params) {
        const value = url.searchParams.get(param);
        const parsed = value ? parseEncodedHttpUrl(value) : null;
        if (parsed) return parsed;
      }
      return null;
    case 'amp-path': {
      const m = /^\/amp\/(s\/)?(.+)$/.exec(url.pathname);
      if (!m) return null;
      return parseHttpUrl(`${m[1] ? 'https' : 'http'}://${m[2]!}${url.search}`);
    }
    case 'opaque':
      return null;
    case 'proofpoint-v2': {
      const value = url.searchParams.get('u');
      if (!value) return null;
      try {
        return parseHttpUrl(decodeURIComponent(value.replace(/-/g, '%').replace(/_/g, '/')));
      } catch {
        return null;
      }
    }
    case 'proofpoint-v3':
      return parseHttpUrl(decodeProofpointV3(url.href) ?? '');
  }
}

/**
 * Proofpoint v3 keeps the URL readable between `__` markers and replaces some characters
 * with `*`; the replaced characters follow `__;` as URL-safe base64. A `**` followed by a
 * length letter (A=2 … ) stands for a run of replaced characters.
 */
function decodeProofpointV3(href: string): string | null {
  const m = /\/v3\/__(.+?)__;([^!]*)!/.exec(href);
  if (!m) return null;
  const [, encoded, replacementsB64] = m as unknown as [string, string, string];
  let replacements: string[];
  try {
    const bytes = Uint8Array.from(atob(replacementsB64.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    replacements = Array.from(new TextDecoder().decode(bytes));
  } catch {
    replacements = [];
  }
  const runLengths = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let out = '';
  let r = 0;
  for (let i = 0; i < encoded.length; i++) {
    const ch = encoded[i]!;
    if (ch !== '*') {
      out += ch;
    } else if (encoded[i + 1] === '*') {
      const len = runLengths.indexOf(encoded[i + 2] ?? '') + 2;
      out += replacements.slice(r, r + len).join('');
      r += len;
      i += 2;
    } else {
      out += replacements[r++] ?? '';
    }
  }
  return out;
}

/** A value that may be percent-encoded once or twice more than a query parameter should be. */
function parseEncodedHttpUrl(value: string): URL | null {
  let candidate = value;
  for (let i = 0; i < 3; i++) {
    const parsed = /^https?:\/\//i.test(candidate) ? parseHttpUrl(candidate) : null;
    if (parsed) return parsed;
    try {
      const decoded = decodeURIComponent(candidate);
      if (decoded === candidate) return null;
      candidate = decoded;
    } catch {
      return null;
    }
  }
  return null;
}

function parseHttpUrl(value: string): URL | null {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}
