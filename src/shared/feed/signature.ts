/**
 * Ed25519 feed signatures (RFC 8032) with key ids, on WebCrypto (`crypto.subtle`), which
 * Chromium, Firefox 129+ and Node 20 all provide — so the extension and the admin CLI run
 * this same code and can never disagree about a signature.
 *
 * - The signed message is the RFC 8785 canonical UTF-8 of the feed's JSON value
 *   (`canonical-json.ts`).
 * - A public key is written as the standard base64 of its raw 32 bytes (RFC 8032 §5.1.5).
 * - A key id is the first 8 bytes of SHA-256 over those 32 bytes, as 16 hex digits: short
 *   enough to read aloud, long enough that two keys of one publisher never collide.
 * - A private key is stored as a JWK (RFC 8037: `kty` OKP, `crv` Ed25519, `d`, `x`).
 * - The detached signature file (`feed.json.sig`) is JSON and may hold several
 *   signatures, so a publisher rotating keys signs with the old and the new key until
 *   every reader trusts the new one. A reader accepts the feed when any signature made by
 *   a key it trusts verifies.
 */
import { canonicalBytes } from './canonical-json';
import { fromBase64, toBase64, toHex } from './base64';
import { FeedRejection } from './feed-rejection';
import { weakPublicKeyReason } from './public-key';
import { parseStrictJson } from './strict-json';

const ED25519 = { name: 'Ed25519' } as const;

/** Format marker of the detached signature file. */
export const SIGNATURE_FORMAT = 'scam-alert-feed-signature/1';

/** One signature in the detached signature file. */
export interface SignatureEntry {
  key_id: string;
  /** base64 of the 64-byte Ed25519 signature. */
  signature: string;
}

/** The detached signature file's JSON. */
export interface SignatureFile {
  format: typeof SIGNATURE_FORMAT;
  algorithm: 'Ed25519';
  canonicalization: 'RFC8785';
  signatures: SignatureEntry[];
}

/** A private signing key as the CLI stores it (`*.key`, JSON, keep secret). */
export interface PrivateKeyFile {
  format: 'scam-alert-feed-private-key/1';
  key_id: string;
  public_key: string;
  jwk: JsonWebKey;
}

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('WebCrypto (crypto.subtle) is not available');
  return s;
}

/** Copies bytes into a fresh ArrayBuffer (WebCrypto wants BufferSource backed by ArrayBuffer). */
function buf(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer as ArrayBuffer;
}

/** Thrown by {@link decodePublicKey} for a key that decodes but must never be trusted. */
export class WeakKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WeakKeyError';
  }
}

/**
 * The raw 32 bytes of a public key written as base64, checked as a trustworthy key
 * (`public-key.ts`: canonical encoding, not of small order).
 *
 * @throws Error when the text is not base64 of exactly 32 bytes; WeakKeyError when the
 *   bytes are a small-order or non-canonical point.
 */
export function decodePublicKey(text: string): Uint8Array {
  let raw: Uint8Array;
  try {
    raw = fromBase64(text.trim().replace(/^ed25519:/i, ''));
  } catch {
    throw new Error(`public key "${text.slice(0, 20)}…" is not base64`);
  }
  if (raw.length !== 32) throw new Error(`public key must be 32 bytes of base64 (got ${raw.length} bytes)`);
  const weak = weakPublicKeyReason(raw);
  if (weak) throw new WeakKeyError(`public key ${toBase64(raw).slice(0, 12)}… ${weak}`);
  return raw;
}

/** The key id of raw key bytes, without checking them (for naming a weak key in a message). */
async function rawKeyId(raw: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await subtle().digest('SHA-256', buf(raw))).subarray(0, 8));
}

/**
 * The key id of a public key: 16 hex digits, the first 8 bytes of SHA-256 over the raw key.
 *
 * @param publicKey - base64 of the raw 32-byte key.
 * @throws Error when the key is malformed.
 */
export async function keyIdOf(publicKey: string): Promise<string> {
  const digest = new Uint8Array(await subtle().digest('SHA-256', buf(decodePublicKey(publicKey))));
  return toHex(digest.subarray(0, 8));
}

/** Generates a new Ed25519 key pair as the CLI writes it. */
export async function generateKeyPair(): Promise<PrivateKeyFile> {
  const pair = (await subtle().generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = toBase64(new Uint8Array(await subtle().exportKey('raw', pair.publicKey)));
  const jwk = await subtle().exportKey('jwk', pair.privateKey);
  return { format: 'scam-alert-feed-private-key/1', key_id: await keyIdOf(publicKey), public_key: publicKey, jwk };
}

/**
 * Reads a private key file's JSON.
 *
 * @throws Error when it is not a private key file.
 */
export function parsePrivateKeyFile(value: unknown): PrivateKeyFile {
  const v = value as Partial<PrivateKeyFile> | null;
  if (
    !v ||
    v.format !== 'scam-alert-feed-private-key/1' ||
    typeof v.public_key !== 'string' ||
    typeof v.key_id !== 'string' ||
    !v.jwk ||
    v.jwk.kty !== 'OKP' ||
    v.jwk.crv !== 'Ed25519' ||
    typeof v.jwk.d !== 'string'
  ) {
    throw new Error('not a scam-alert private key file (expected the JSON written by `scam-alert feed keygen`)');
  }
  return v as PrivateKeyFile;
}

/**
 * Signs a feed's JSON value.
 *
 * @param feedValue - the parsed feed JSON (as it will be published).
 * @param key - the private key file.
 * @returns one signature entry for the detached signature file.
 */
export async function signFeedValue(feedValue: unknown, key: PrivateKeyFile): Promise<SignatureEntry> {
  const privateKey = await subtle().importKey('jwk', { ...key.jwk, key_ops: ['sign'] }, ED25519, false, ['sign']);
  const signature = new Uint8Array(await subtle().sign(ED25519, privateKey, buf(canonicalBytes(feedValue))));
  return { key_id: await keyIdOf(key.public_key), signature: toBase64(signature) };
}

/** Builds the detached signature file from signature entries. */
export function signatureFile(entries: SignatureEntry[]): SignatureFile {
  return { format: SIGNATURE_FORMAT, algorithm: 'Ed25519', canonicalization: 'RFC8785', signatures: entries };
}

/**
 * Reads a detached signature file.
 *
 * @throws FeedRejection `bad-signature-file` when the text is not one.
 */
export function parseSignatureFile(text: string): SignatureFile {
  let value: unknown;
  try {
    value = parseStrictJson(text, 'signature file');
  } catch (error) {
    throw new FeedRejection('bad-signature-file', `the signature file is not JSON: ${(error as Error).message}`);
  }
  const v = value as Partial<SignatureFile> | null;
  const entriesOk =
    Array.isArray(v?.signatures) &&
    v.signatures.length > 0 &&
    v.signatures.every((s) => typeof s?.key_id === 'string' && typeof s?.signature === 'string');
  if (!v || v.format !== SIGNATURE_FORMAT || v.algorithm !== 'Ed25519' || v.canonicalization !== 'RFC8785' || !entriesOk) {
    throw new FeedRejection('bad-signature-file', `the signature file is not in the ${SIGNATURE_FORMAT} format`);
  }
  return v as SignatureFile;
}

/** Which keys signed a feed: the ids of the keys whose signature over the feed verifies. */
export interface VerifiedSignatures {
  /** Ids of the trusted keys whose signature verified (first one first). */
  trusted: string[];
  /** Ids of the `alsoCheck` keys whose signature verified (e.g. keys a feed id is bound to). */
  also: string[];
}

/**
 * Verifies a feed's JSON value against its detached signatures.
 *
 * @param feedValue - the parsed feed JSON (before schema validation).
 * @param sig - the parsed signature file.
 * @param trustedKeys - base64 public keys the reader trusts for this feed (several while
 *   keys rotate). Malformed keys are ignored; weak keys (small-order, non-canonical) are
 *   never used and named when a signature claims one.
 * @param alsoCheck - more base64 keys whose signatures are checked and reported but do not
 *   make the feed acceptable by themselves (the keys its feed id is bound to).
 * @returns the ids of the keys whose signatures verified; at least one trusted.
 * @throws FeedRejection `weak-key` when the signatures are by a trusted key that must not be
 *   trusted, `untrusted-key` when no signature is by a trusted key, `bad-signature` when
 *   signatures by trusted keys exist but none verifies.
 */
export async function verifyFeedSignatures(
  feedValue: unknown,
  sig: SignatureFile,
  trustedKeys: readonly string[],
  alsoCheck: readonly string[] = [],
): Promise<VerifiedSignatures> {
  const decode = async (keys: readonly string[]) => {
    const usable = new Map<string, Uint8Array>();
    const weak = new Map<string, string>();
    for (const key of keys) {
      try {
        usable.set(await keyIdOf(key), decodePublicKey(key));
      } catch (error) {
        if (error instanceof WeakKeyError) {
          try {
            weak.set(await rawKeyId(fromBase64(key.trim().replace(/^ed25519:/i, ''))), error.message);
          } catch {
            // not even base64
          }
        }
        // a malformed trusted key cannot verify anything
      }
    }
    return { usable, weak };
  };
  const trusted = await decode(trustedKeys);
  const also = await decode(alsoCheck);
  const message = buf(canonicalBytes(feedValue));
  const verifies = async (raw: Uint8Array, entry: SignatureEntry): Promise<boolean> => {
    let signature: Uint8Array;
    try {
      signature = fromBase64(entry.signature);
    } catch {
      return false;
    }
    if (signature.length !== 64) return false;
    const publicKey = await subtle().importKey('raw', buf(raw), ED25519, false, ['verify']);
    return subtle().verify(ED25519, publicKey, buf(signature), message);
  };
  const result: VerifiedSignatures = { trusted: [], also: [] };
  let triedTrusted = false;
  let weakClaimed: string | null = null;
  for (const entry of sig.signatures) {
    const raw = trusted.usable.get(entry.key_id);
    if (raw) {
      triedTrusted = true;
      if (!result.trusted.includes(entry.key_id) && (await verifies(raw, entry))) result.trusted.push(entry.key_id);
    } else if (trusted.weak.has(entry.key_id)) {
      weakClaimed = trusted.weak.get(entry.key_id)!;
    }
    const alsoRaw = also.usable.get(entry.key_id);
    if (alsoRaw && !result.also.includes(entry.key_id) && (await verifies(alsoRaw, entry))) result.also.push(entry.key_id);
  }
  if (result.trusted.length > 0) return result;
  if (!triedTrusted && weakClaimed) throw new FeedRejection('weak-key', `the trusted key is unsafe and never used: ${weakClaimed}`);
  if (!triedTrusted) {
    throw new FeedRejection(
      'untrusted-key',
      `signed by key ${sig.signatures.map((s) => s.key_id).join(', ')}, which is not among the trusted keys (${[...trusted.usable.keys()].join(', ') || 'none'})`,
    );
  }
  throw new FeedRejection(
    'bad-signature',
    'the signature does not match the feed (the feed was changed after signing, or the signature is damaged)',
  );
}

/**
 * Verifies a feed's JSON value against its detached signatures and the trusted keys.
 *
 * @returns the id of the trusted key whose signature verified.
 * @throws FeedRejection as {@link verifyFeedSignatures}.
 */
export async function verifyFeedValue(feedValue: unknown, sig: SignatureFile, trustedKeys: readonly string[]): Promise<string> {
  return (await verifyFeedSignatures(feedValue, sig, trustedKeys)).trusted[0]!;
}
