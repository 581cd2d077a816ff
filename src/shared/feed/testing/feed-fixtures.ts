/** Helpers for feed tests: a valid feed value to modify, and signing in one call. */
import json from '../default-feed.json' with { type: 'json' };
import { generateKeyPair, signFeedValue, signatureFile, type PrivateKeyFile } from '../signature';

/** An ISO time `days` from now (whole seconds), for feed dates that stay valid whatever the date. */
export function isoDays(days: number, from = Date.now()): string {
  return new Date(Math.floor((from + days * 86_400_000) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * A deep copy of the embedded default feed's JSON, with overrides on top-level fields.
 * Issued a day ago and valid for 60 more days (inside the 90-day lifetime limit).
 */
export function feedValue(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const value = structuredClone(json) as Record<string, unknown>;
  delete value.$schema;
  return { ...value, feed_id: 'test-feed', issued_at: isoDays(-1), expires_at: isoDays(60), ...overrides };
}

/** UTF-8 bytes of a JSON value. */
export function bytesOf(value: unknown): Uint8Array {
  return new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value, null, 2));
}

/** Signs a feed value with the given keys and returns the signature file's bytes. */
export async function signatureBytes(value: unknown, ...keys: PrivateKeyFile[]): Promise<Uint8Array> {
  const entries = await Promise.all(keys.map((k) => signFeedValue(value, k)));
  return bytesOf(signatureFile(entries));
}

export { generateKeyPair };
