/**
 * Many agencies in the extension, the way a person would get them: signed user feeds on
 * the fixture server (https, throwaway certificate), subscribed through the options page's
 * message (`feed-subscribe`, as `test/e2e/trust-model.test.ts` does), fetched, verified and
 * merged by the service worker itself.
 *
 * The agencies are the synthetic ones of `npm run bench` (`scripts/bench/generate-agencies.ts`:
 * word-like names in three languages, two official domains, two brand tokens, one scam
 * entry each; the rest of each agency — hotline, promise and campaign texts in three
 * languages — copied from InvestHK's entry, so each is as large as a real one). One feed is
 * capped at `MAX_FEED_BYTES` (1 MiB, `src/shared/feed/accept-update.ts`), which 1,000 such
 * agencies exceed, so they are split over as few feeds as fit, each under the cap. The
 * generator's Chinese names are random and can repeat over 1,000 agencies (the trust model
 * then refuses the later feed: "same name"), so each agency's Chinese name is replaced by
 * one spelled from its index with characters that read the same in Traditional and
 * Simplified Chinese.
 */
import { MAX_FEED_BYTES } from '../../src/shared/feed/accept-update';
import type { FeedStatus } from '../../src/shared/messaging/protocol';
import type { FixtureServer } from '../../test/support/fixture-server';
import { feedHost } from '../../test/e2e/feed-publisher';
import { certFeed, publisher } from '../../test/e2e/trust-feeds';
import { feedWithAgencies } from '../bench/generate-agencies';
import type { Page } from 'playwright-core';

export interface PublishedFeeds {
  /** Feed URLs with the public key each is signed with. */
  feeds: Array<{ url: string; publicKey: string; agencies: number; bytes: number }>;
  /** Bytes of all the agencies in one feed (over the cap when more than one feed was needed). */
  bytesAsOneFeed: number;
}

/** 16 characters written the same in Traditional and Simplified Chinese: one hex digit each. */
const UNIQUE_HAN = [...'山水木火土金石田日月天人大小中文'];

/** The feed document as published (pretty-printed, as `publisher().publish` writes it). */
const bodyOf = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Generates `count` agencies, splits them into feeds under the size cap, signs each with a
 * fresh key and serves it at `https://feedN.bench-agencies.test/feed.json`.
 */
export async function publishAgencyFeeds(server: FixtureServer, count: number): Promise<PublishedFeeds> {
  // The generator adds the 3 agencies of the embedded feed first: a user feed re-defining them is not what is measured.
  const agencies = feedWithAgencies(count).agencies.slice(3);
  agencies.forEach((agency, i) => {
    const han = `${[0, 1, 2].map((k) => UNIQUE_HAN[(i >> (4 * k)) & 15]).join('')}機構`;
    agency.names = { ...agency.names, 'zh-Hant': han, 'zh-Hans': han };
  });
  const valueOf = (k: number, list: typeof agencies) => certFeed({ feed_id: `bench-agencies-${k}`, agencies: list });
  const bytesAsOneFeed = Buffer.byteLength(bodyOf(valueOf(0, agencies)));
  const parts = Math.ceil(bytesAsOneFeed / (MAX_FEED_BYTES * 0.9));
  const per = Math.ceil(agencies.length / parts);
  const feeds: PublishedFeeds['feeds'] = [];
  for (let k = 0; k < parts; k++) {
    const list = agencies.slice(k * per, (k + 1) * per);
    const value = valueOf(k, list);
    const host = `feed${k}.bench-agencies.test`;
    const signer = await publisher();
    await signer.publish(feedHost(server, host), value);
    feeds.push({
      url: `https://${host}/feed.json`,
      publicKey: signer.key.public_key,
      agencies: list.length,
      bytes: Buffer.byteLength(bodyOf(value)),
    });
  }
  return { feeds, bytesAsOneFeed };
}

/**
 * Subscribes the extension to every feed from `extensionPage` (any page of the extension)
 * and waits until each is fetched and in use (`state: fresh`, its agencies counted).
 *
 * @returns the feed statuses; throws when a subscription is refused or a feed is not in use within `timeoutMs`.
 */
export async function subscribeAll(extensionPage: Page, feeds: PublishedFeeds['feeds'], timeoutMs = 60_000): Promise<FeedStatus[]> {
  for (const feed of feeds) {
    const reply = await extensionPage.evaluate<{ ok: boolean; error?: string }, { url: string; publicKey: string }>(
      (payload) =>
        (
          globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; error?: string }> } } }
        ).chrome.runtime.sendMessage({ type: 'feed-subscribe', payload }),
      { url: feed.url, publicKey: feed.publicKey },
    );
    if (!reply?.ok) throw new Error(`[bench-browser] subscribing to ${feed.url} was refused: ${reply?.error ?? 'no reply'}`);
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await extensionPage.evaluate<{ feeds: FeedStatus[] }>(() =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ feeds: FeedStatus[] }> } } }
      ).chrome.runtime.sendMessage({ type: 'ui-state', payload: {} }),
    );
    const mine = state.feeds.filter((f) => feeds.some((g) => g.url === f.url));
    if (mine.length === feeds.length && mine.every((f) => f.state === 'fresh' && typeof f.agencies === 'number')) return mine;
    if (Date.now() > deadline) {
      throw new Error(
        `[bench-browser] feeds not in use after ${timeoutMs} ms: ${JSON.stringify(mine.map((f) => [f.url, f.state, f.lastError]))}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
