import { beforeAll, describe, expect, it } from 'vitest';
import { acceptFeedUpdate, type UpdateCandidate } from './accept-update';
import type { PrivateKeyFile } from './signature';
import { bytesOf, feedValue, generateKeyPair, signatureBytes } from './testing/feed-fixtures';

let key: PrivateKeyFile;
const NOW = Date.parse('2026-06-01T00:00:00Z');

beforeAll(async () => {
  key = await generateKeyPair();
});

async function candidate(value: unknown, extra: Partial<UpdateCandidate> = {}): Promise<UpdateCandidate> {
  return {
    body: bytesOf(value),
    signature: await signatureBytes(value, key),
    trustedKeys: [key.public_key],
    previous: null,
    now: NOW,
    ...extra,
  };
}

describe('acceptFeedUpdate: the pipeline and every rejection path', () => {
  it('accepts a signed, valid, newer, unexpired feed', async () => {
    const result = await acceptFeedUpdate(await candidate(feedValue({ sequence: 5 }), { previous: { feed_id: 'test-feed', sequence: 4 } }));
    expect(result.feed.sequence).toBe(5);
    expect(result.keyId).toBe(key.key_id);
  });

  it('rejects a body over the size cap before parsing it', async () => {
    await expect(acceptFeedUpdate(await candidate(feedValue(), { maxBytes: 100 }))).rejects.toMatchObject({ code: 'too-large' });
  });

  it('rejects a captive-portal HTML page as not JSON, saying so', async () => {
    const c = await candidate(feedValue());
    c.body = bytesOf('<!doctype html><title>Sign in to Wi-Fi</title>');
    await expect(acceptFeedUpdate(c)).rejects.toMatchObject({ code: 'not-json', message: expect.stringContaining('HTML') });
  });

  it('rejects invalid UTF-8, truncated JSON and JSON that is not an object', async () => {
    for (const body of [new Uint8Array([0x7b, 0xff, 0x7d]), bytesOf('{"feed_id": '), bytesOf('[1,2]')]) {
      const c = await candidate(feedValue());
      c.body = body;
      await expect(acceptFeedUpdate(c)).rejects.toMatchObject({ code: 'not-json' });
    }
  });

  it('rejects a missing or broken signature file', async () => {
    await expect(acceptFeedUpdate({ ...(await candidate(feedValue())), signature: new Uint8Array() })).rejects.toMatchObject({
      code: 'missing-signature',
    });
    await expect(acceptFeedUpdate({ ...(await candidate(feedValue())), signature: bytesOf('<html>404</html>') })).rejects.toMatchObject({
      code: 'bad-signature-file',
    });
  });

  it('rejects a tampered feed (signature no longer matches)', async () => {
    const c = await candidate(feedValue());
    const tampered = feedValue();
    (tampered.agencies as Array<{ hotline: string }>)[0]!.hotline = '9999 9999';
    c.body = bytesOf(tampered);
    await expect(acceptFeedUpdate(c)).rejects.toMatchObject({ code: 'bad-signature' });
  });

  it('rejects a feed signed by an untrusted key', async () => {
    const other = await generateKeyPair();
    await expect(acceptFeedUpdate(await candidate(feedValue(), { trustedKeys: [other.public_key] }))).rejects.toMatchObject({
      code: 'untrusted-key',
    });
  });

  it('rejects a signed feed that fails validation (schema or semantics)', async () => {
    await expect(acceptFeedUpdate(await candidate(feedValue({ sequence: 0 })))).rejects.toMatchObject({ code: 'invalid-feed' });
    const dup = feedValue();
    const agencies = dup.agencies as unknown[];
    agencies.push(structuredClone(agencies[0]));
    await expect(acceptFeedUpdate(await candidate(dup))).rejects.toMatchObject({
      code: 'invalid-feed',
      message: expect.stringContaining('duplicate'),
    });
  });

  it('rejects a replayed or equal sequence and a changed feed id', async () => {
    const previous = { feed_id: 'test-feed', sequence: 3 };
    await expect(acceptFeedUpdate(await candidate(feedValue({ sequence: 3 }), { previous }))).rejects.toMatchObject({ code: 'not-newer' });
    await expect(acceptFeedUpdate(await candidate(feedValue({ sequence: 1 }), { previous }))).rejects.toMatchObject({ code: 'not-newer' });
    await expect(acceptFeedUpdate(await candidate(feedValue({ sequence: 9, feed_id: 'other' }), { previous }))).rejects.toMatchObject({
      code: 'feed-id-changed',
    });
  });

  it('treats a re-download of the feed in use as unchanged, not as a replay', async () => {
    const value = feedValue({ sequence: 3 });
    const first = await acceptFeedUpdate(await candidate(value));
    const again = await acceptFeedUpdate(await candidate(value, { previous: first.feed }));
    expect(again.unchanged).toBe(true);
    const edited = feedValue({ sequence: 3, refresh_interval_minutes: 60 });
    await expect(acceptFeedUpdate(await candidate(edited, { previous: first.feed }))).rejects.toMatchObject({ code: 'not-newer' });
  });

  it('applies a floor sequence for the same feed id (the embedded copy of a feed)', async () => {
    const floor = { feed_id: 'test-feed', sequence: 7 };
    await expect(acceptFeedUpdate(await candidate(feedValue({ sequence: 7 }), { floor }))).rejects.toMatchObject({ code: 'not-newer' });
    expect((await acceptFeedUpdate(await candidate(feedValue({ sequence: 8 }), { floor }))).feed.sequence).toBe(8);
    const otherFloor = { feed_id: 'elsewhere', sequence: 50 };
    expect((await acceptFeedUpdate(await candidate(feedValue({ sequence: 2 }), { floor: otherFloor }))).feed.sequence).toBe(2);
  });

  it('rejects an expired feed', async () => {
    const value = feedValue({ issued_at: '2026-01-01T00:00:00Z', expires_at: '2026-05-31T23:59:59Z' });
    await expect(acceptFeedUpdate(await candidate(value))).rejects.toMatchObject({ code: 'expired' });
  });
});
