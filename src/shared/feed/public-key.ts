/**
 * Which Ed25519 public keys may be trusted. A key is trusted only when its 32 bytes are
 * the canonical encoding of a curve point (RFC 8032 §5.1.3: y < p, and no "negative zero"
 * x) outside the small-order subgroup. A small-order key (the identity point, or one of
 * the other seven torsion points) lets anyone forge signatures that some verifiers accept
 * (the identity key verifies any `R = S·B` signature); a non-canonical encoding is a
 * second spelling of another key, so a key id would not name one key. Decoding and the
 * subgroup test come from `@noble/curves` (audited, pure JavaScript), not our own field
 * arithmetic. Pure: used by the extension (policy keys, user subscriptions, verification)
 * and the admin CLI (`--pubkey`).
 */
import { ed25519 } from '@noble/curves/ed25519.js';

/**
 * Why a raw public key must not be trusted, or null when it may be.
 *
 * @param raw - the key's bytes (base64-decoded).
 * @returns a plain-words reason: wrong length, not a canonical point encoding, or a small-order point.
 */
export function weakPublicKeyReason(raw: Uint8Array): string | null {
  if (raw.length !== 32) return `must be 32 bytes (got ${raw.length})`;
  let point;
  try {
    point = ed25519.Point.fromBytes(raw, false);
  } catch {
    return 'is not a valid Ed25519 point encoding (RFC 8032 §5.1.3)';
  }
  const again = point.toBytes();
  if (again.some((b, i) => b !== raw[i])) return 'is a non-canonical encoding of an Ed25519 point (RFC 8032 §5.1.3)';
  if (point.isSmallOrder()) return 'is a small-order Ed25519 point: signatures "by" it can be forged';
  return null;
}
