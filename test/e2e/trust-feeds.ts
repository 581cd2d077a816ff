/**
 * Feeds for the trust-model end-to-end tests (issue 12), written and signed at run time:
 * dates around now (readers refuse a feed valid for more than 90 days), signed either with
 * the admin CLI (a publisher that validates) or directly with the signature code (a hostile
 * publisher that skips every check: what a scam "official feed" would be).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateKeyPair, signatureFile, signFeedValue, type PrivateKeyFile } from '../../src/shared/feed/signature';
import { ROOT } from '../support/paths';
import type { FeedHost } from './feed-publisher';

/** ISO time `days` from now, whole seconds. */
export function isoDays(days: number): string {
  return new Date(Math.floor((Date.now() + days * 86_400_000) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The made-up CERT feed (`test/fixtures/feeds/cert-v1.json`) with fresh dates and `changes`. */
export function certFeed(changes: Record<string, unknown> = {}): Record<string, unknown> {
  const value = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/feeds/cert-v1.json'), 'utf8')) as Record<string, unknown>;
  return { ...value, issued_at: isoDays(-1), expires_at: isoDays(30), ...changes };
}

/** The first agency of the CERT feed, with `changes`. */
export function certAgency(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...(certFeed().agencies as Array<Record<string, unknown>>)[0]!, ...changes };
}

export interface Publisher {
  key: PrivateKeyFile;
  /** Signs `value` as is (no validation) and publishes it with its signature on `host`. */
  publish(host: FeedHost, value: unknown): Promise<void>;
}

/** A publisher with a fresh key. */
export async function publisher(): Promise<Publisher> {
  const key = await generateKeyPair();
  return {
    key,
    publish: async (host, value) => {
      const sig = signatureFile([await signFeedValue(value, key)]);
      host.publish(`${JSON.stringify(value, null, 2)}\n`, `${JSON.stringify(sig, null, 2)}\n`);
    },
  };
}

/** The https URL of `path` on `host` as the browser reaches it (feeds are https only). */
export function httpsUrl(plainUrl: string): string {
  return plainUrl.replace(/^http:/, 'https:');
}
