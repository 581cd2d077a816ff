/**
 * Scenario 3 (issue 15): a page that keeps adding links, 50 every 100 ms for 5 s (2,500),
 * measured traced in the three browsers. Figures:
 * - our main-thread time over the floor's on the same page, per added link (target ≤ 2 µs);
 * - `links-check` messages the page's content script sent (counted in the service worker,
 *   `sw-messages.ts`), and the shortest gap between two consecutive ones; target: at most
 *   one message in any 250 ms window;
 * - the same page whose links all go to real, popular hosts that cannot match
 *   (`UNMATCHABLE_HOSTS`): target 0 messages.
 */
import type { BenchSetup, ScenarioResult } from './bench-setup';
import { compareRow, comparePage, extMs, longestMs } from './compare-page';
import { GROWING_LINKS, type GrowingKind } from './growing-links-page';
import { waitInPage } from './measure-page';
import { fmt, maxInWindow, median, shortestGap } from './stats';
import { readMessageLog, startMessageLog, type LoggedMessage } from './sw-messages';
import type { TargetResult } from './targets';

interface MessageFigures {
  count: number;
  links: number;
  shortestGapMs: number;
  maxPer250: number;
  /** False when the service worker restarted during the run (the log was lost). */
  logged: boolean;
}

function figures(log: LoggedMessage[] | null, host: string): MessageFigures {
  if (!log) return { count: NaN, links: NaN, shortestGapMs: NaN, maxPer250: NaN, logged: false };
  const mine = log.filter((m) => m.type === 'links-check' && m.url.includes(`//${host}/`)).map((m) => m);
  const times = mine.map((m) => m.at).sort((a, b) => a - b);
  return {
    count: mine.length,
    links: mine.reduce((n, m) => n + m.links, 0),
    shortestGapMs: shortestGap(times),
    maxPer250: maxInWindow(times, 250),
    logged: true,
  };
}

export async function runGrowing(setup: BenchSetup): Promise<ScenarioResult> {
  const rows: string[][] = [];
  const targets: TargetResult[] = [];
  const notes: string[] = [];
  for (const kind of ['mixed', 'unmatchable'] as GrowingKind[]) {
    const hostOf = (i: number) => `mail${i}.${kind}-webmail.example`;
    const messages: MessageFigures[] = [];
    const done = 'window.__bench && window.__bench.appendDone' + (kind === 'mixed' ? ' && window.__bench.markedAt !== null' : '');
    const compared = await comparePage(
      setup,
      (i) => `http://${hostOf(i)}/growing?kind=${kind}`,
      setup.runs,
      {
        ext: (p) => waitInPage(p, done, 20_000).then(() => p.waitForTimeout(1000)),
        others: (p) => waitInPage(p, 'window.__bench && window.__bench.appendDone', 20_000).then(() => p.waitForTimeout(1000)),
      },
      {
        before: () => startMessageLog(setup.ext.serviceWorker),
        after: async (i) => void messages.push(figures(await readMessageLog(setup.ext.serviceWorker), hostOf(i))),
      },
    );
    const label = kind === 'mixed' ? `+50 links / 100 ms for 5 s (5 dangerous)` : `+50 links / 100 ms for 5 s, unmatchable hosts`;
    rows.push(compareRow(label, compared));
    const over = extMs(compared.ext) - extMs(compared.floor);
    // The per-page part every messaging content script pays (bindings, one round trip) is in
    // the messaging floor; what is left over it is the cost of the added links.
    const overMessaging = extMs(compared.ext) - extMs(compared.messagingFloor);
    const med = (f: (m: MessageFigures) => number) => median(messages.map(f));
    const count = med((m) => m.count);
    notes.push(
      `${label}: ${fmt(count, 0)} links-check messages carrying ${fmt(
        med((m) => m.links),
        0,
      )} links for ${GROWING_LINKS} added; shortest gap between messages ${fmt(med((m) => m.shortestGapMs))} ms; at most ${fmt(
        med((m) => m.maxPer250),
        0,
      )} in any 250 ms` + (messages.every((m) => m.logged) ? '' : ' (the service worker restarted during a run: some logs lost)'),
    );
    if (kind === 'mixed') {
      targets.push({
        target: 'growing page: ext over floor per added link ≤ 2 µs',
        value: (over / GROWING_LINKS) * 1000,
        limit: 2,
        unit: 'µs',
        note: `${over.toFixed(1)} ms over floor for ${GROWING_LINKS} links; ${((overMessaging / GROWING_LINKS) * 1000).toFixed(1)} µs over the messaging floor; page UI shown`,
      });
      targets.push({
        target: 'growing page: ≤ 1 links-check per 250 ms window',
        value: med((m) => m.maxPer250),
        limit: 1,
        unit: '',
        note: `${fmt(count, 0)} messages, shortest gap ${fmt(med((m) => m.shortestGapMs))} ms`,
      });
    } else {
      targets.push({ target: 'growing page, unmatchable hosts: links-check messages = 0', value: count, limit: 0, unit: '' });
      targets.push({
        target: 'growing page, unmatchable hosts: ext over floor per added link ≤ 2 µs',
        value: (over / GROWING_LINKS) * 1000,
        limit: 2,
        unit: 'µs',
        note: `${over.toFixed(1)} ms over floor; ${((overMessaging / GROWING_LINKS) * 1000).toFixed(1)} µs over the messaging floor; nothing shown`,
      });
    }
    targets.push({ target: `longest ext event ≤ 16 ms: growing page (${kind})`, value: longestMs(compared.ext), limit: 16, unit: 'ms' });
  }
  return { rows, targets, notes };
}
