/**
 * Canonical JSON bytes for signing: the JSON Canonicalization Scheme (JCS, RFC 8785).
 *
 * Design note. A feed is signed over the canonical form of its parsed JSON value, not over
 * the file's bytes, so re-indenting or re-ordering keys in an editor, or a CDN that
 * re-encodes line endings, does not break the signature, while any change of meaning does.
 * It also means the verifier checks exactly the value it then validates and uses (a
 * duplicated key, which `JSON.parse` resolves to the last one, is signed as resolved).
 *
 * RFC 8785 in short (§3.2): no whitespace; strings serialised as ECMAScript
 * `JSON.stringify` does (§3.2.2.2); numbers serialised as ECMAScript `Number#toString`
 * (§3.2.2.3, again what `JSON.stringify` does for finite numbers); object members sorted
 * by their names compared as arrays of UTF-16 code units (§3.2.3), which is JavaScript's
 * default string ordering; array order kept. The result is encoded as UTF-8.
 *
 * Why not a library: the scheme is this short in JavaScript because the RFC reuses
 * ECMAScript's own serialisation (its appendix calls this out), and the package-lock is
 * shared by the team; the unit tests carry the RFC's own examples. Lone surrogates and
 * non-finite numbers are rejected, as the RFC requires (§3.2.2.2, §3.2.2.3).
 */

/** Thrown when a value cannot be canonicalised (lone surrogate, NaN/Infinity, unsupported type). */
export class CanonicalJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CanonicalJsonError';
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function serialize(value: unknown, path: string): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new CanonicalJsonError(`${path || 'value'}: ${value} is not a JSON number`);
    return JSON.stringify(value);
  }
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) throw new CanonicalJsonError(`${path || 'value'}: string contains a lone surrogate`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v, i) => serialize(v, `${path}[${i}]`)).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort();
    const parts: string[] = [];
    for (const key of keys) {
      const member = (value as Record<string, unknown>)[key];
      if (member === undefined) continue;
      parts.push(`${serialize(key, path)}:${serialize(member, path ? `${path}.${key}` : key)}`);
    }
    return `{${parts.join(',')}}`;
  }
  throw new CanonicalJsonError(`${path || 'value'}: ${typeof value} is not a JSON value`);
}

/**
 * The RFC 8785 canonical text of a JSON value.
 *
 * @param value - a value as produced by `JSON.parse` (objects, arrays, strings, finite
 *   numbers, booleans, null; `undefined` members are skipped like `JSON.stringify` does).
 * @throws CanonicalJsonError for lone surrogates, NaN/Infinity and non-JSON types.
 */
export function canonicalJson(value: unknown): string {
  return serialize(value, '');
}

/** The UTF-8 bytes of {@link canonicalJson}: exactly what a feed signature covers. */
export function canonicalBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(value));
}
