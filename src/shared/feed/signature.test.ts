import { describe, expect, it } from 'vitest';
import { FeedRejection } from './feed-rejection';
import {
  decodePublicKey,
  generateKeyPair,
  keyIdOf,
  parsePrivateKeyFile,
  parseSignatureFile,
  signatureFile,
  signFeedValue,
  verifyFeedValue,
} from './signature';
import { feedValue } from './testing/feed-fixtures';

describe('Ed25519 feed signatures', () => {
  it('verifies RFC 8032 §7.1 test vector 1 through WebCrypto (the primitive the feed code uses)', async () => {
    const hex = (s: string) => Uint8Array.from(s.match(/../g)!.map((h) => parseInt(h, 16)));
    const pub = hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    const sig = hex(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
    const key = await crypto.subtle.importKey('raw', pub, { name: 'Ed25519' }, false, ['verify']);
    expect(await crypto.subtle.verify({ name: 'Ed25519' }, key, sig, new Uint8Array())).toBe(true);
  });

  it('generates a key pair with a 16-hex-digit key id derived from the public key', async () => {
    const key = await generateKeyPair();
    expect(key.key_id).toMatch(/^[0-9a-f]{16}$/);
    expect(await keyIdOf(key.public_key)).toBe(key.key_id);
    expect(decodePublicKey(key.public_key)).toHaveLength(32);
    expect(parsePrivateKeyFile(JSON.parse(JSON.stringify(key)))).toEqual(key);
  });

  it('signs the canonical form: a re-formatted feed still verifies, a changed one does not', async () => {
    const key = await generateKeyPair();
    const value = feedValue();
    const sig = signatureFile([await signFeedValue(value, key)]);
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverseKeys)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverseKeys(x)]),
            )
          : v;
    const reformatted = JSON.parse(JSON.stringify(reverseKeys(value), null, 4));
    expect(await verifyFeedValue(reformatted, sig, [key.public_key])).toBe(key.key_id);
    const tampered = { ...value, sequence: 99 };
    await expect(verifyFeedValue(tampered, sig, [key.public_key])).rejects.toMatchObject({ code: 'bad-signature' });
  });

  it('rejects a feed signed by a key that is not trusted', async () => {
    const [signer, trusted] = await Promise.all([generateKeyPair(), generateKeyPair()]);
    const value = feedValue();
    const sig = signatureFile([await signFeedValue(value, signer)]);
    await expect(verifyFeedValue(value, sig, [trusted.public_key])).rejects.toMatchObject({ code: 'untrusted-key' });
    await expect(verifyFeedValue(value, sig, [])).rejects.toBeInstanceOf(FeedRejection);
  });

  it('supports key rotation: several signatures, several trusted keys', async () => {
    const [oldKey, newKey] = await Promise.all([generateKeyPair(), generateKeyPair()]);
    const value = feedValue();
    const sig = signatureFile([await signFeedValue(value, oldKey), await signFeedValue(value, newKey)]);
    expect(await verifyFeedValue(value, sig, [oldKey.public_key])).toBe(oldKey.key_id);
    expect(await verifyFeedValue(value, sig, [newKey.public_key])).toBe(newKey.key_id);
    expect(await verifyFeedValue(value, sig, ['not a key', newKey.public_key])).toBe(newKey.key_id);
  });

  it('rejects a signature made with the wrong key under a trusted key id', async () => {
    const [trusted, attacker] = await Promise.all([generateKeyPair(), generateKeyPair()]);
    const value = feedValue();
    const forged = { ...(await signFeedValue(value, attacker)), key_id: trusted.key_id };
    await expect(verifyFeedValue(value, signatureFile([forged]), [trusted.public_key])).rejects.toMatchObject({ code: 'bad-signature' });
  });

  it('rejects malformed signature files', () => {
    expect(() => parseSignatureFile('<html>')).toThrow(/not JSON/);
    expect(() => parseSignatureFile('{"format":"x"}')).toThrow(FeedRejection);
    expect(() => parseSignatureFile(JSON.stringify(signatureFile([])))).toThrow(FeedRejection);
    expect(() => decodePublicKey('AAAA')).toThrow(/32 bytes/);
    expect(() => parsePrivateKeyFile({ format: 'x' })).toThrow(/private key/);
  });
});

describe('trusted keys must be safe (RFC 8032 §5.1.3; small-order points)', () => {
  const b64 = (hex: string) => btoa(String.fromCharCode(...hex.match(/../g)!.map((h) => parseInt(h, 16))));
  // The identity point, a point of order 2 and one of order 8 (encodings from the Ed25519 torsion subgroup).
  const SMALL_ORDER = [
    '0100000000000000000000000000000000000000000000000000000000000000',
    'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  ];
  // y = p (non-canonical 0), and the identity with the x sign bit set ("negative zero").
  const NON_CANONICAL = [
    'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    '0100000000000000000000000000000000000000000000000000000000000080',
  ];

  it('refuses small-order and non-canonical public keys', () => {
    for (const hex of SMALL_ORDER) expect(() => decodePublicKey(b64(hex))).toThrow(/small-order/);
    for (const hex of NON_CANONICAL) expect(() => decodePublicKey(b64(hex))).toThrow(/non-canonical|not a valid Ed25519 point/);
  });

  it('a "signature" under the identity key is never accepted, and the reason names the unsafe key', async () => {
    const identity = b64(SMALL_ORDER[0]!);
    const keyId = (
      await crypto.subtle.digest(
        'SHA-256',
        Uint8Array.from(atob(identity), (c) => c.charCodeAt(0)),
      )
    ).slice(0, 8);
    const id = [...new Uint8Array(keyId)].map((b) => b.toString(16).padStart(2, '0')).join('');
    // R = identity, S = 0: the forgery that verifies under the identity key in lax verifiers.
    const forged = signatureFile([{ key_id: id, signature: b64(SMALL_ORDER[0]! + '00'.repeat(32)) }]);
    await expect(verifyFeedValue(feedValue(), forged, [identity])).rejects.toMatchObject({ code: 'weak-key' });
  });

  it('parses the signature file strictly (a duplicated member is refused)', () => {
    const text = JSON.stringify(signatureFile([{ key_id: 'a', signature: 'b' }])).replace('"format"', '"format":"x","format"');
    expect(() => parseSignatureFile(text)).toThrow(/twice/);
  });
});
