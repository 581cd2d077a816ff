/**
 * The interstitial's two requests: what to show for a blocked URL, and "continue anyway".
 *
 * "Continue anyway" adds a declarativeNetRequest *session* rule that allows exactly that
 * host, in that tab only (`condition.tabIds`, which only session rules support), above
 * every blocking rule, for {@link ALLOW_MINUTES} minutes. Expiry: an alarm at the earliest
 * expiry, a sweep at every service-worker start, and removal when the tab closes. The
 * allowances are kept in `storage.session` (cleared with the browser session, like the
 * rules themselves), so a restarted service worker still knows when each one ends.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import type { InterstitialInfo } from '../shared/messaging/protocol';
import type { Handlers } from './message-dispatcher';
import { allowRule, hasEscapedUnreserved } from '../shared/dnr/block-rules';
import { htmlLang, localize, translate } from '../shared/i18n/i18n';
import { toAsciiHost } from '../shared/match/host';
import { parseTarget } from '../shared/match/parse-target';
import type { Verdict } from '../shared/match/verdict';
import { isDangerousPage, isPreBlocked, type WarningReason } from '../shared/navigation/warning-page';
import { bannerModel } from '../shared/ui/banner-model';
import { getEngine } from './engine-state';
import { loadPolicyState } from './feed-status';
import { bannerOrigin } from './banner-origin';
import { loadSettings } from './settings-store';
import { uiLanguage } from './ui-language';
import { warningReportLink } from './report-link';

/** How long "continue anyway" lasts, in minutes. */
export const ALLOW_MINUTES = 10;
/** Session rule ids for allowances start here (dynamic rules use small ids). */
const FIRST_ALLOW_ID = 1_000_000;
const STORE_KEY = 'interstitialAllowances';
const ALARM = 'asa-interstitial-allowance';

interface Allowance {
  tabId: number;
  host: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}
type Allowances = Record<string, Allowance>;

type DnrApi = NonNullable<typeof browser.declarativeNetRequest>;
type SessionRules = Parameters<DnrApi['updateSessionRules']>[0]['addRules'];

async function readAllowances(): Promise<Allowances> {
  const stored = (await browser.storage.session.get(STORE_KEY))[STORE_KEY] as Allowances | undefined;
  return stored ?? {};
}

/**
 * True when the URL's path spells an unreserved character as a percent-escape on a host
 * with path-level scam entries: the rules stop it (`encodedPathRegex` in block-rules.ts).
 */
function isEncodedPathEvasion(url: string): boolean {
  const target = parseTarget(url);
  if (target.kind !== 'web') return false;
  return getEngine().matcher.hasPathEntries(toAsciiHost(target.host) ?? target.host) && hasEscapedUnreserved(target.url.pathname);
}

function hostOf(url: string): string {
  const target = parseTarget(url);
  return target.kind === 'web' ? (toAsciiHost(target.host) ?? target.host) : '';
}

async function info(
  { url, reason = 'page' }: { url: string; reason?: WarningReason },
  sender: Runtime.MessageSender,
): Promise<InterstitialInfo> {
  const [settings, policy] = await Promise.all([loadSettings(), loadPolicyState()]);
  const language = uiLanguage(settings);
  const escalated = reason === 'hidden' ? await escalationFor(sender.tab?.id, url) : null;
  // The embedded feed answers at once; only a page it does not name waits for the stored feeds.
  if (!escalated && !isDangerousPage(getEngine().matcher.matchUrl(url))) await feedsRestored;
  const { feed, matcher } = getEngine();
  const verdict = escalated ?? matcher.matchUrl(url);
  const host = hostOf(url);
  const agency = verdict.agency ? matcher.agency(verdict.agency) : undefined;
  const name = agency ? localize(agency.names, language) : '';
  const model = agency ? bannerModel({ ...verdict, severity: 'danger' }, agency, feed.help, language, false, bannerOrigin(verdict)) : null;
  const actions = model ? [...model.actions] : [];
  if (agency && !actions.some((a) => a.href === agency.website)) {
    actions.splice(Math.min(2, actions.length), 0, { label: translate(language, 'interstitialWebsite', name), href: agency.website });
  }
  return {
    language,
    lang: htmlLang(language),
    host,
    verdict,
    agency: agency?.id ?? null,
    title: !agency
      ? translate(language, 'interstitialTitleNoAgency')
      : translate(language, escalated ? 'interstitialHiddenTitle' : 'interstitialTitle', name),
    explanation: translate(language, explanationKey(verdict, !!escalated, url), host, name),
    provenance: model?.provenance ?? '',
    listedBy: model?.listedBy ?? '',
    continueAllowed: policy.allowContinueAnyway,
    report: agency ? warningReportLink(verdict, url, language, policy.reportAddress) : null,
    promise: agency ? localize(agency.promise, language) : '',
    promiseLead: agency ? translate(language, 'interstitialPromiseLead', name) : '',
    whatToDo: translate(language, 'bannerWhatToDo'),
    actions,
    goBack: translate(language, 'interstitialGoBack'),
    continueAnyway: translate(language, 'interstitialContinue'),
    openInTab: translate(language, 'interstitialOpenInTab'),
    confirmTitle: translate(language, 'interstitialConfirmTitle', host),
    confirmBody: translate(language, 'interstitialConfirmBody', host, String(ALLOW_MINUTES)),
    confirmYes: translate(language, 'interstitialConfirmYes', host),
    confirmNo: translate(language, 'interstitialConfirmNo'),
    allowMinutes: ALLOW_MINUTES,
    reason: escalated ? 'hidden' : 'page',
    backSteps: backStepsFor(sender.tab?.id, url),
  };
}

/** Which explanation the warning page gives for `verdict`. */
function explanationKey(verdict: Verdict, escalated: boolean, url: string): string {
  if (escalated) return 'interstitialHidden';
  if (verdict.verdict === 'blocklisted') return 'interstitialKnownScam';
  if (isPreBlocked(verdict)) return 'interstitialLookalike';
  if (verdict.verdict !== 'lookalike' && isEncodedPathEvasion(url)) return 'interstitialEncodedPath';
  if (isDangerousPage(verdict)) return 'interstitialEngineLookalike';
  return 'interstitialNoLonger';
}

async function scheduleExpiry(allowances: Allowances): Promise<void> {
  const next = Math.min(...Object.values(allowances).map((a) => a.expiresAt));
  if (!browser.alarms) return;
  if (Number.isFinite(next)) browser.alarms.create(ALARM, { when: Math.max(next, Date.now() + 1000) });
  else await browser.alarms.clear(ALARM);
}

/**
 * Removes the allowances that match `drop` (expired ones, or those of a closed tab), and
 * any allowance session rule that lost its record.
 */
async function removeAllowances(drop: (a: Allowance) => boolean): Promise<void> {
  const api = browser.declarativeNetRequest;
  if (!api) return;
  const allowances = await readAllowances();
  const kept: Allowances = {};
  for (const [id, a] of Object.entries(allowances)) if (!drop(a)) kept[id] = a;
  const rules = await api.getSessionRules();
  const stale = rules.filter((r) => r.id >= FIRST_ALLOW_ID && !(String(r.id) in kept)).map((r) => r.id);
  if (stale.length > 0) await api.updateSessionRules({ removeRuleIds: stale });
  await browser.storage.session.set({ [STORE_KEY]: kept });
  await scheduleExpiry(kept);
}

async function continueAnyway(
  { url, reason = 'page' }: { url: string; reason?: WarningReason },
  sender: Runtime.MessageSender,
): Promise<{ ok: boolean; expiresAt?: number; error?: string }> {
  const tabId = sender.tab?.id;
  const api = browser.declarativeNetRequest;
  if (tabId === undefined || tabId < 0 || !api) return { ok: false, error: 'not in a tab' };
  // A web page can frame the warning page and trick a click on it: no allowance from a frame.
  if (sender.frameId !== undefined && sender.frameId !== 0) return { ok: false, error: 'framed' };
  const host = hostOf(url);
  // Managed policy can take "continue anyway" away (`allowContinueAnyway: false`).
  if (!(await loadPolicyState()).allowContinueAnyway) return { ok: false, error: 'not allowed by policy' };
  // Only what is stopped can be let through: the page cannot be used to open holes.
  if (!host || !(await mayContinue(url, reason, tabId))) return { ok: false, error: 'not blocked' };
  const allowances = await readAllowances();
  const rules = await api.getSessionRules();
  const id = Math.max(FIRST_ALLOW_ID - 1, ...rules.map((r) => r.id), ...Object.keys(allowances).map(Number)) + 1;
  const expiresAt = Date.now() + ALLOW_MINUTES * 60_000;
  // Replace an earlier allowance for the same tab and host.
  const previous = Object.entries(allowances)
    .filter(([, a]) => a.tabId === tabId && a.host === host)
    .map(([key]) => Number(key));
  for (const key of previous) delete allowances[String(key)];
  await api.updateSessionRules({ removeRuleIds: previous, addRules: [allowRule(id, tabId, host)] as unknown as SessionRules });
  allowances[String(id)] = { tabId, host, expiresAt };
  await browser.storage.session.set({ [STORE_KEY]: allowances });
  await scheduleExpiry(allowances);
  console.info(`[interstitial] continue anyway: ${host} allowed in tab ${tabId} for ${ALLOW_MINUTES} min`);
  return { ok: true, expiresAt };
}

export const interstitialHandlers = {
  'interstitial-info': info,
  'interstitial-continue': continueAnyway,
} satisfies Handlers<'interstitial-info' | 'interstitial-continue'>;

/** Start-up wiring: sweeps expired allowances and removes them on expiry or tab close. */
export function startInterstitialAllowances(): void {
  const sweep = (): void =>
    void removeAllowances((a) => a.expiresAt <= Date.now()).catch((e: unknown) => console.error('[interstitial] sweep failed', e));
  browser.alarms?.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) sweep();
  });
  browser.tabs?.onRemoved.addListener(
    (tabId) => void removeAllowances((a) => a.tabId === tabId || a.expiresAt <= Date.now()).catch(() => undefined),
  );
  sweep();
}

/** True when "continue anyway" may allow `url` in `tabId`: it is stopped for that reason there. */
async function mayContinue(url: string, reason: WarningReason, tabId: number): Promise<boolean> {
  if (reason === 'hidden') return (await escalationFor(tabId, url)) !== null;
  return isDangerousPage(getEngine().matcher.matchUrl(url)) || isEncodedPathEvasion(url);
}

/**
 * True when the user chose "continue anyway" for `host` in `tabId` and it has not expired:
 * the navigation judge, the content script and the escalation honour it as the session
 * rule does for the declarativeNetRequest pre-block.
 *
 * @param host - ASCII (punycode) host, lower case.
 */
export async function isAllowedInTab(tabId: number | undefined, host: string, now = Date.now()): Promise<boolean> {
  if (tabId === undefined || tabId < 0 || !host) return false;
  const allowances = await readAllowances();
  return Object.values(allowances).some((a) => a.tabId === tabId && a.host === host && a.expiresAt > now);
}

let feedsRestored: Promise<unknown> = Promise.resolve();

/**
 * Start-up wiring: `interstitial-info` runs without waiting for the stored feeds (see
 * `handleMessages`' `immediate`); it waits for `ready` only for a page the engine as it is
 * does not call dangerous (a feed not restored yet may name it).
 */
export function startInterstitialInfo(ready: Promise<unknown>): void {
  feedsRestored = ready.catch(() => undefined);
}

// Escalations: pages that fought the in-page banner and were sent to the warning page.
// Kept in storage.session (per tab, the last one), so a restarted service worker still
// explains the warning page and honours "continue anyway" for it.
const ESCALATIONS_KEY = 'bannerEscalations';
type Escalations = Record<string, { url: string; verdict: Verdict }>;

/** Remembers that the page `url` in `tabId` hid a banner for `verdict`. */
export async function recordEscalation(tabId: number, url: string, verdict: Verdict): Promise<void> {
  const stored = ((await browser.storage.session.get(ESCALATIONS_KEY))[ESCALATIONS_KEY] as Escalations | undefined) ?? {};
  await browser.storage.session.set({ [ESCALATIONS_KEY]: { ...stored, [String(tabId)]: { url, verdict } } });
}

/** The verdict of the banner that `url` hid in `tabId`, or null when it was not escalated there. */
async function escalationFor(tabId: number | undefined, url: string): Promise<Verdict | null> {
  if (tabId === undefined) return null;
  const stored = (await browser.storage.session.get(ESCALATIONS_KEY))[ESCALATIONS_KEY] as Escalations | undefined;
  const record = stored?.[String(tabId)];
  return record && record.url === url ? record.verdict : null;
}

// "Go back" from a warning page the service worker pushed (`tabs.update`) after the scam page
// had already committed must skip that entry, or it lands on the scam page again.
const lastCommitted = new Map<number, string>();

/** Records the URL a tab's top frame committed (web pages only), for {@link backStepsFor}. */
export function recordTopFrameCommit(tabId: number, url: string): void {
  if (/^https?:/i.test(url)) lastCommitted.set(tabId, url);
}

browser.tabs?.onRemoved.addListener((tabId) => lastCommitted.delete(tabId));

/**
 * History entries that "Go back" skips from a *pushed* warning page for `url` in `tabId`: 2
 * when the tab's top frame last committed that very page (its entry sits between), else 1.
 */
function backStepsFor(tabId: number | undefined, url: string): number {
  return tabId !== undefined && lastCommitted.get(tabId) === url ? 2 : 1;
}
