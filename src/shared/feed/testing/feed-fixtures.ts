/** Helpers for feed tests: a valid feed value to modify, and signing in one call. */
import json from '../default-feed.json' with { type: 'json' };
import { generateKeyPair, signFeedValue, signatureFile, type PrivateKeyFile } from '../signature';

/** A deep copy of the embedded default feed's JSON, with overrides on top-level fields. */
export function feedValue(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const value = structuredClone(json) as Record<string, unknown>;
  delete value.$schema;
  return { ...value, feed_id: 'test-feed', issued_at: '2026-01-01T00:00:00Z', expires_at: '2099-01-01T00:00:00Z', ...overrides };
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
