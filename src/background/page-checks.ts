/**
 * Answers the content script: verdicts for the page, its links and its text, with the
 * banner to show in the user's language. Remembers the loudest verdict per tab for the
 * toolbar badge.
 *
 * Content scripts run in every frame. A frame never shows a banner of its own: its findings
 * go to the tab's top frame (`show-banner`, one banner per tab), and its link markers stay
 * where the links are. A frame (or tab) whose own address is dangerous is told to open the
 * warning page instead (`warnAt`), and a page that keeps fighting a danger banner is
 * escalated to it (`banner-fought`).
 */
import browser, { type Runtime } from 'webextension-polyfill';
import type { FlaggedLink, MessagesFrom, RequestOf, ResponseOf } from '../shared/messaging/protocol';
import type { Handlers } from './message-dispatcher';
import { translate, localize, type UiLanguage } from '../shared/i18n/i18n';
import { toAsciiHost } from '../shared/match/host';
import { parseTarget } from '../shared/match/parse-target';
import { louder, type Verdict } from '../shared/match/verdict';
import { isDismissed, type Settings } from '../shared/settings/settings';
import { allowlistEntry } from '../shared/feed/domain-rules';
import { ESCALATE_AFTER_REPAIRS } from '../shared/ui/banner-fight';
import { bannerModel, linkUiStrings, withFakePhones, type BannerModel } from '../shared/ui/banner-model';
import { sendToTab } from '../platform/messenger';
import { bannerOrigin } from './banner-origin';
import { getEngine } from './engine-state';
import { loadPolicyState, loadPolicyStateFast } from './feed-status';
import { isAllowedInTab, recordEscalation } from './interstitial-handlers';
import { asciiHostOf, warnAtFor, warningAddress } from './page-danger';
import { loadSettings, updateSettings } from './settings-store';
import { recordTabVerdict, tabVerdict } from './tab-verdicts';
import { uiLanguage } from './ui-language';
import { isUnlistedPhone, pageTextFindings, phoneWords, shownNumber } from './text-findings';
import { warningReportLink } from './report-link';
import type { Matcher } from '../shared/match/matcher';
// crxjs builds this entry as a self-contained IIFE and gives its output file name.
import pageUiScript from '../content/ui/page-ui.iife.ts?script';

/** The domain of a `mailto:` URL; empty for anything else. */
function mailHost(url: string): string {
  const target = parseTarget(url);
  return target.kind === 'mailto' ? (target.hosts[0] ?? '') : '';
}

/** Host of a page URL, normalised; empty when it has none. */
function pageHost(url: string): string {
  const target = parseTarget(url);
  return target.kind === 'web' ? target.host : '';
}

interface CheckContext {
  settings: Settings;
  lang: UiLanguage;
  /** Managed policy lets the user dismiss banners. */
  allowDismiss: boolean;
  /** The allowlist entries in force: none when managed policy locks the allowlist. */
  allowlist: string[];
  /** Managed policy's report address, or null (the feed's is used then). */
  reportAddress: string | null;
}

async function context(): Promise<CheckContext> {
  const [settings, policy] = await Promise.all([loadSettings(), loadPolicyStateFast()]);
  return {
    settings,
    lang: uiLanguage(settings),
    allowDismiss: policy.allowDismiss,
    // `allowDismiss: false` or `allowUserAllowlist: false` must not be bypassed by an
    // allowlist entry; an entry that is not a host (`com`, `*`) never counts.
    allowlist: policy.allowUserAllowlist ? settings.allowlist.filter((h) => allowlistEntry(h).host === h) : [],
    reportAddress: policy.reportAddress,
  };
}

/** The user's allowlist silences every verdict on that host (and its subdomains). */
function allowlisted(ctx: Pick<CheckContext, 'allowlist'>, host: string): boolean {
  return ctx.allowlist.some((h) => host === h || host.endsWith(`.${h}`));
}

/**
 * The banner for `verdict` (null when dismissed or nothing to say), with `fakePhones` (numbers
 * the page presents as an agency's that are not its numbers) said next to the genuine hotline.
 */
function bannerFor(
  verdict: Verdict,
  ctx: CheckContext,
  host: string,
  fakePhones: ReadonlyMap<string, string[]> = new Map(),
): BannerModel | null {
  if (!verdict.agency || verdict.severity === 'safe') return null;
  // A dismissal counts only while policy allows dismissing.
  if (ctx.allowDismiss && isDismissed(ctx.settings, host, verdict.agency)) return null;
  const { feed, matcher } = getEngine();
  const agency = matcher.agency(verdict.agency);
  const made = bannerModel(verdict, agency, feed.help, ctx.lang, ctx.allowDismiss, bannerOrigin(verdict));
  const model = made && { ...made, report: warningReportLink(verdict, verdict.url, ctx.lang, ctx.reportAddress) };
  const numbers = fakePhones.get(verdict.agency);
  return model && agency && numbers ? withFakePhones(model, numbers, agency, ctx.lang) : model;
}

/** Adds `number` to the fake numbers presented as `verdict.agency`'s. */
function noteFakePhone(fakePhones: Map<string, string[]>, verdict: Verdict, number: string): void {
  if (!verdict.agency || !isUnlistedPhone(verdict)) return;
  fakePhones.set(verdict.agency, [...(fakePhones.get(verdict.agency) ?? []), number]);
}

function silenced(url: string): Verdict {
  return { url, verdict: 'unrelated', severity: 'none', agency: null, reasons: ['user-allowlist'] };
}

/**
 * The verdict on a page's own URL, with the user's allowlist applied (an allowlisted host
 * gets `unrelated`, reason `user-allowlist`).
 */
export function pageVerdict(url: string, ctx: Pick<CheckContext, 'allowlist'>): Verdict {
  return allowlisted(ctx, pageHost(url)) ? silenced(url) : getEngine().matcher.matchUrl(url);
}

/**
 * {@link pageVerdict} with the allowlist in force now (settings and managed policy), for the
 * navigation judge. Managed policy is read only when the user's allowlist names the host:
 * Chromium's first `storage.managed.get()` after start takes seconds, and a navigation must
 * not wait for it.
 */
export async function currentPageVerdict(url: string): Promise<Verdict> {
  const settings = await loadSettings();
  if (!allowlisted(settings, pageHost(url))) return getEngine().matcher.matchUrl(url);
  return pageVerdict(url, await context());
}

/** True when the message comes from a frame inside the tab, not from the tab's top frame. */
function fromSubframe(sender: Runtime.MessageSender): boolean {
  return sender.frameId !== undefined && sender.frameId !== 0;
}

/**
 * Shows the banner for `verdict`, found in one of the tab's frames, in the tab's top frame
 * (one banner per tab; dismissals count for the top page's site).
 */
export async function offerTopFrameBanner(tabId: number | undefined, verdict: Verdict): Promise<void> {
  if (tabId === undefined || tabId < 0) return;
  const topUrl = (await browser.tabs.get(tabId).catch(() => undefined))?.url ?? '';
  const model = bannerFor(verdict, await context(), pageHost(topUrl));
  if (model) await sendToTab(tabId, 'show-banner', { model }, 0);
}

/** Returns `banner` for a top frame; a frame's banner goes to the top frame instead. */
function routeBanner(banner: BannerModel | null, verdict: Verdict, sender: Runtime.MessageSender): BannerModel | null {
  if (!banner || !fromSubframe(sender)) return banner;
  void offerTopFrameBanner(sender.tab?.id, verdict).catch((e: unknown) => console.debug('[page-checks] top-frame banner failed', e));
  return null;
}

/** Whether this worker has answered a page check yet (the `asa:first-page-check` mark, for `bench:browser`). */
let firstPageCheckMarked = false;

async function pageCheck(req: RequestOf<'page-check'>, sender: Runtime.MessageSender): Promise<ResponseOf<'page-check'>> {
  const ctx = await context();
  const { lang } = ctx;
  const { matcher } = getEngine();
  const host = pageHost(req.url);
  const verdict = pageVerdict(req.url, ctx);
  // A frame's page verdict only raises the tab's; the top frame's starts the tab over.
  recordTabVerdict(sender.tab?.id, verdict, !fromSubframe(sender));
  if (!firstPageCheckMarked) {
    firstPageCheckMarked = true;
    performance.mark('asa:first-page-check');
  }
  return {
    verdict,
    banner: routeBanner(bannerFor(verdict, ctx, host), verdict, sender),
    linkUi: linkUiStrings(lang),
    checkSameHostLinks: matcher.hasPathEntries(host),
    mentionNeedles: verdict.verdict === 'unrelated' && !allowlisted(ctx, host) ? matcher.mentionNeedles() : [],
    linkPrefilter: matcher.linkPrefilter(),
    warnAt: await warnAtFor(req.url, verdict, sender.tab?.id),
  };
}

async function linksCheck(req: RequestOf<'links-check'>, sender: Runtime.MessageSender): Promise<ResponseOf<'links-check'>> {
  const ctx = await context();
  const { lang } = ctx;
  const { matcher } = getEngine();
  const flagged: FlaggedLink[] = [];
  const fakePhones = new Map<string, string[]>();
  const pageAllowlisted = allowlisted(ctx, pageHost(req.pageUrl));
  let loudest: Verdict | null = null;
  const settled = new Set<string>();
  req.links.forEach((link, index) => {
    noteSettledHost(matcher, link.href, settled);
    // A tel: link presents its number as the agency's that the text around it names.
    const named = link.context ? matcher.locateMentions(link.context)[0]?.agency : undefined;
    const verdict = matcher.matchLink(link.href, link.text, req.pageUrl, named ? { agency: named } : {});
    if (verdict.severity !== 'danger' || !verdict.agency) return;
    const agency = matcher.agency(verdict.agency);
    const name = agency ? localize(agency.names, lang) : verdict.agency;
    if (isUnlistedPhone(verdict)) {
      if (pageAllowlisted || !agency) return;
      const number = shownNumber(link.href, link.text);
      flagged.push({ index, verdict, host: number, ...phoneWords(verdict, agency, lang) });
      noteFakePhone(fakePhones, verdict, number);
    } else {
      const target = parseTarget(verdict.target ?? link.href, req.pageUrl);
      const host = target.kind === 'web' ? target.host : target.kind === 'mailto' ? (target.hosts[0] ?? '') : `${link.href.split(':')[0]}:`;
      if (allowlisted(ctx, host)) return;
      flagged.push({
        index,
        verdict,
        host,
        title: translate(lang, 'markerTitle', name),
        detail: translate(lang, 'confirmBody', host, name),
      });
    }
    loudest = loudest ? louder(loudest, verdict) : verdict;
  });
  const found = loudest as Verdict | null;
  if (found) recordTabVerdict(sender.tab?.id, found, false);
  return {
    flagged,
    banner: found ? routeBanner(bannerFor(found, ctx, pageHost(req.pageUrl), fakePhones), found, sender) : null,
    settledHosts: [...settled],
  };
}

/**
 * Adds the hostname of an `http(s)` `href` to `settled` when every link to that host is
 * judged alike and is not dangerous (`Matcher.isHostSettled`): the content script then keeps
 * later links to it in the page. The name is as the page's `<a>.hostname` gives it.
 */
function noteSettledHost(matcher: Matcher, href: string, settled: Set<string>): void {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return;
  }
  if ((url.protocol === 'http:' || url.protocol === 'https:') && !settled.has(url.hostname) && matcher.isHostSettled(url.hostname))
    settled.add(url.hostname);
}

async function textCheck(req: RequestOf<'text-check'>, sender: Runtime.MessageSender): Promise<ResponseOf<'text-check'>> {
  const ctx = await context();
  const host = pageHost(req.pageUrl);
  if (allowlisted(ctx, host)) return { verdict: silenced(req.pageUrl), banner: null, findings: [] };
  const { matcher } = getEngine();
  const textVerdict = matcher.matchText(req.text, req.pageUrl, { sensitiveInputs: req.sensitiveInputs });
  // Addresses and numbers in the text: an allowlisted address is not marked.
  const found = pageTextFindings(matcher, req.text, req.pageUrl, ctx.lang, (v) =>
    v.reasons.includes('unlisted-phone') ? false : allowlisted(ctx, pageHost(v.url) || mailHost(v.url)),
  );
  const verdict = found.loudest ? louder(textVerdict, found.loudest) : textVerdict;
  const fakePhones = new Map<string, string[]>();
  for (const f of found.findings) if (f.kind === 'phone') noteFakePhone(fakePhones, f.verdict, f.text);
  recordTabVerdict(sender.tab?.id, verdict, false);
  return { verdict, banner: routeBanner(bannerFor(verdict, ctx, host, fakePhones), verdict, sender), findings: found.findings };
}

/**
 * The page keeps fighting the banner. A danger banner for the tab's loudest verdict is
 * escalated outside the page: the badge stays on, the fight is recorded, and the top frame
 * is told to open the warning page (unless the user chose "continue anyway" there).
 */
async function bannerFought(req: RequestOf<'banner-fought'>, sender: Runtime.MessageSender): Promise<ResponseOf<'banner-fought'>> {
  const tabId = sender.tab?.id;
  const verdict = tabId === undefined ? undefined : tabVerdict(tabId);
  console.warn(`[page-checks] the page fights the banner (${req.repairs} repairs): ${asciiHostOf(req.pageUrl)}`);
  if (tabId === undefined || fromSubframe(sender) || req.repairs < ESCALATE_AFTER_REPAIRS) return { warnAt: null };
  if (!verdict || verdict.severity !== 'danger' || verdict.agency !== req.agency) return { warnAt: null };
  const pageUrl = req.pageUrl;
  // "Continue anyway" on the warning page lets the page load, banner and all.
  if (await isAllowedInTab(tabId, asciiHostOf(pageUrl))) return { warnAt: null };
  recordTabVerdict(tabId, verdict, false);
  await recordEscalation(tabId, pageUrl, verdict);
  return { warnAt: warningAddress(pageUrl, { reason: 'hidden' }) };
}

async function bannerDismissed(req: RequestOf<'banner-dismissed'>): Promise<ResponseOf<'banner-dismissed'>> {
  const host = toAsciiHost(pageHost(req.pageUrl)) ?? '';
  // The live policy, not a snapshot: a dismissal the policy forbids is never recorded.
  if (host && (await loadPolicyState()).allowDismiss) {
    await updateSettings((s) => ({
      ...s,
      dismissed: { ...s.dismissed, [host]: { ...s.dismissed[host], [req.agency]: new Date().toISOString() } },
    }));
  }
  return { ok: true };
}

/** Injects the page UI into the frame that asked (a content script with something to show). */
async function uiInject(_req: RequestOf<'ui-inject'>, sender: Runtime.MessageSender): Promise<ResponseOf<'ui-inject'>> {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return { ok: false };
  await browser.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId ?? 0] }, files: [pageUiScript] });
  return { ok: true };
}

export const pageCheckHandlers = {
  'ui-inject': uiInject,
  'page-check': pageCheck,
  'links-check': linksCheck,
  'text-check': textCheck,
  'banner-dismissed': bannerDismissed,
  'banner-fought': bannerFought,
} satisfies Handlers<MessagesFrom<'content'>>;
