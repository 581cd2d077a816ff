import { beforeAll, describe, expect, it } from 'vitest';
import { acceptFeedUpdate, checkFeedForPublishing, MAX_SEQUENCE_STEP, reverifyStoredCopy, type UpdateCandidate } from './accept-update';
import type { PrivateKeyFile } from './signature';
import { bytesOf, feedValue, generateKeyPair, isoDays, signatureBytes } from './testing/feed-fixtures';

let key: PrivateKeyFile;
const NOW = Date.now();

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

/** A signed candidate whose body is `text` exactly (the signature covers what JSON.parse makes of it). */
async function rawCandidate(text: string, signedValue: unknown): Promise<UpdateCandidate> {
  return { ...(await candidate(signedValue)), body: new TextEncoder().encode(text) };
}

describe('acceptFeedUpdate: the pipeline and every rejection path', () => {
  it('accepts a signed, valid, newer, unexpired feed', async () => {
    const result = await acceptFeedUpdate(await candidate(feedValue({ sequence: 5 }), { previous: { feed_id: 'test-feed', sequence: 4 } }));
    expect(result.feed.sequence).toBe(5);
    expect(result.keyId).toBe(key.key_id);
    expect(result.signedBy).toEqual([key.key_id]);
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

  it('rejects duplicate member names before verifying (the signature covers the last one only)', async () => {
    const value = feedValue();
    const text = JSON.stringify(value).replace('"feed_id":"test-feed"', '"feed_id":"shown-to-reviewer","feed_id":"test-feed"');
    await expect(acceptFeedUpdate(await rawCandidate(text, value))).rejects.toMatchObject({
      code: 'duplicate-key',
      message: expect.stringContaining('"feed_id" twice'),
    });
    // Also when the names differ only in their escapes, and deep inside an agency.
    const hotline = (value.agencies as Array<{ hotline: string }>)[0]!.hotline;
    const nested = JSON.stringify(value).replace(`"hotline":"${hotline}"`, `"hotline":"6666 6666","hotl\\u0069ne":"${hotline}"`);
    await expect(acceptFeedUpdate(await rawCandidate(nested, value))).rejects.toMatchObject({ code: 'duplicate-key' });
  });

  it('rejects deep nesting and numbers no reader can hold, each with its own reason (never network-error)', async () => {
    const value = feedValue();
    const deep = JSON.stringify({ ...value, x: 0 }).replace('"x":0', `"x":${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    await expect(acceptFeedUpdate(await rawCandidate(deep, value))).rejects.toMatchObject({ code: 'too-deep' });
    const huge = JSON.stringify(value).replace(/"sequence":\d+/, '"sequence":1e400');
    await expect(acceptFeedUpdate(await rawCandidate(huge, value))).rejects.toMatchObject({ code: 'bad-number' });
    const lone = JSON.stringify(value).replace('"feed_id":"test-feed"', '"feed_id":"test-feed\\ud800"');
    await expect(acceptFeedUpdate(await rawCandidate(lone, value))).rejects.toMatchObject({ code: 'bad-string' });
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

  it('a sequence of 2^53−1 cannot freeze the URL: refused outright, and so is a jump above the step', async () => {
    await expect(acceptFeedUpdate(await candidate(feedValue({ sequence: Number.MAX_SAFE_INTEGER })))).rejects.toMatchObject({
      code: 'invalid-feed',
      message: expect.stringContaining('2^50'),
    });
    const previous = { feed_id: 'test-feed', sequence: 10 };
    await expect(acceptFeedUpdate(await candidate(feedValue({ sequence: 11 + MAX_SEQUENCE_STEP }), { previous }))).rejects.toMatchObject({
      code: 'sequence-jump',
    });
    expect((await acceptFeedUpdate(await candidate(feedValue({ sequence: 10 + MAX_SEQUENCE_STEP }), { previous }))).feed.sequence).toBe(
      10 + MAX_SEQUENCE_STEP,
    );
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

  it('rejects an expired feed, one that lives too long, and one issued in the future', async () => {
    const expired = feedValue({ issued_at: isoDays(-30), expires_at: isoDays(-1) });
    await expect(acceptFeedUpdate(await candidate(expired))).rejects.toMatchObject({ code: 'expired' });
    const forever = feedValue({ issued_at: isoDays(-1), expires_at: '2099-01-01T00:00:00Z' });
    await expect(acceptFeedUpdate(await candidate(forever))).rejects.toMatchObject({
      code: 'too-long-lived',
      message: expect.stringContaining('90-day'),
    });
    const future = feedValue({ issued_at: isoDays(3), expires_at: isoDays(30) });
    await expect(acceptFeedUpdate(await candidate(future))).rejects.toMatchObject({ code: 'issued-in-future' });
  });
});

describe('the trust model in the update pipeline', () => {
  it('a user feed may not use the embedded feed’s or a policy feed’s id; a policy feed may', async () => {
    const reservedIds = ['hk-default', 'it-dept'];
    for (const id of reservedIds) {
      await expect(
        acceptFeedUpdate(await candidate(feedValue({ feed_id: id, sequence: 9 }), { source: 'user', reservedIds })),
      ).rejects.toMatchObject({
        code: 'reserved-feed-id',
      });
    }
    expect(
      (await acceptFeedUpdate(await candidate(feedValue({ feed_id: 'hk-default', sequence: 9 }), { source: 'policy', reservedIds }))).feed
        .feed_id,
    ).toBe('hk-default');
  });

  it('a feed id is bound to the keys that first delivered it; rotation with both signatures extends the binding', async () => {
    const [impostor, rotated] = await Promise.all([generateKeyPair(), generateKeyPair()]);
    const bindings = { 'test-feed': [key.public_key] };
    const value = feedValue({ sequence: 2 });
    const byImpostor = {
      ...(await candidate(value)),
      signature: await signatureBytes(value, impostor),
      trustedKeys: [impostor.public_key],
    };
    await expect(acceptFeedUpdate({ ...byImpostor, source: 'user', bindings })).rejects.toMatchObject({ code: 'feed-id-bound' });
    // The publisher rotates: signs with the old and the new key; the reader trusts only the new one.
    const both = { ...(await candidate(value)), signature: await signatureBytes(value, key, rotated), trustedKeys: [rotated.public_key] };
    expect((await acceptFeedUpdate({ ...both, source: 'user', bindings })).signedBy).toEqual([rotated.key_id]);
    // Another id is not bound: accepted.
    const fresh = feedValue({ feed_id: 'new-feed', sequence: 1 });
    expect((await acceptFeedUpdate({ ...(await candidate(fresh)), source: 'user', bindings })).feed.feed_id).toBe('new-feed');
  });
});

describe('reverifyStoredCopy: what a 304 may confirm', () => {
  it('confirms a stored copy that verifies and has not expired; refuses one that no longer verifies or expired', async () => {
    const value = feedValue();
    const sig = new TextDecoder().decode(await signatureBytes(value, key));
    expect((await reverifyStoredCopy(value, sig, [key.public_key], NOW)).feed_id).toBe('test-feed');
    const other = await generateKeyPair();
    await expect(reverifyStoredCopy(value, sig, [other.public_key], NOW)).rejects.toMatchObject({ code: 'stored-copy-invalid' });
    await expect(reverifyStoredCopy({ ...value, sequence: 99 }, sig, [key.public_key], NOW)).rejects.toMatchObject({
      code: 'stored-copy-invalid',
    });
    await expect(reverifyStoredCopy(value, sig, [key.public_key], Date.parse(value.expires_at as string) + 1)).rejects.toMatchObject({
      code: 'expired',
    });
  });
});

describe('checkFeedForPublishing: the reader’s rules for the CLI', () => {
  it('lists every problem a reader would reject the feed for, with the reader’s code', () => {
    expect(checkFeedForPublishing(bytesOf(feedValue()), NOW).problems).toEqual([]);
    expect(checkFeedForPublishing(new Uint8Array([0xff]), NOW).problems[0]).toMatchObject({ code: 'not-json' });
    expect(checkFeedForPublishing(new Uint8Array(1024 * 1024 + 1).fill(0x20), NOW).problems[0]).toMatchObject({ code: 'too-large' });
    const dup = JSON.stringify(feedValue()).replace('"feed_id":"test-feed"', '"feed_id":"a","feed_id":"test-feed"');
    expect(checkFeedForPublishing(bytesOf(dup), NOW).problems[0]).toMatchObject({ code: 'duplicate-key' });
    const agency = (feedValue().agencies as Array<Record<string, unknown>>)[0]!;
    const claims = feedValue({ agencies: [{ ...agency, official_domains: ['com'] }], expires_at: '2099-01-01T00:00:00Z' });
    expect(checkFeedForPublishing(bytesOf(claims), NOW).problems.map((p) => p.code)).toEqual(['invalid-feed', 'too-long-lived']);
    const published = { feed_id: 'test-feed', sequence: 5 };
    expect(checkFeedForPublishing(bytesOf(feedValue({ sequence: 5 })), NOW, published).problems[0]).toMatchObject({ code: 'not-newer' });
  });
});
