/**
 * # Who a message says it is from
 *
 * An SMS shows its sender ID above the text; Hong Kong's SMS Sender Registration Scheme
 * (OFCA, from 28 December 2023) gives registered senders IDs that start with `#`
 * (`#HKPost`), and an agency in the scheme sends SMS only under its registered ID. Pasted
 * messages also carry the sender inside the text: a `From:` line (email, webmail), a
 * signature in lenticular brackets at the start or the end (`【投資推廣署】`, the usual form
 * in Chinese SMS) or in square brackets at the start, or a `#ID` as the first word.
 * {@link findSenderClaims} finds those; {@link senderKey} folds an ID for comparison.
 */

/** A sender the text names. Offsets are UTF-16 indexes into the text as given. */
export interface SenderClaim {
  start: number;
  end: number;
  /** The sender as written (a name, an ID, or a whole `From:` value with its address). */
  text: string;
  /** Where it came from: a `From:` line, a bracketed signature, a leading `#ID`. */
  form: 'from-line' | 'signature' | 'sender-id';
}

const FROM_LINE = /^[ \t]*(?:from|sender|寄件者|寄件人|發件人|发件人|發送人|发送人|寄件者名稱)[ \t]*[:：][ \t]*(\S[^\n\r]{0,200})/gimu;
const LEADING_SIGNATURE = /^\s*(?:【([^】\n]{1,40})】|\[([^\]\n]{1,40})\])/u;
const TRAILING_SIGNATURE = /【([^】\n]{1,40})】\s*$/u;
const LEADING_ID = /^\s*(#[\p{L}\p{N}][\p{L}\p{N}_.&-]{0,19})(?![\p{L}\p{N}_&-])/u;

/**
 * The senders `text` names (see the module note), in order.
 *
 * @param text - a whole message as pasted, or a block of page text.
 */
export function findSenderClaims(text: string): SenderClaim[] {
  const claims: SenderClaim[] = [];
  for (const m of text.matchAll(FROM_LINE)) {
    const value = m[1]!.trimEnd();
    const start = m.index + m[0].length - m[1]!.length;
    claims.push({ start, end: start + value.length, text: value, form: 'from-line' });
  }
  const lead = LEADING_SIGNATURE.exec(text);
  if (lead) {
    const inner = (lead[1] ?? lead[2])!;
    const start = lead.index + lead[0].length - inner.length - 1;
    claims.push({ start, end: start + inner.length, text: inner, form: 'signature' });
  }
  const trail = TRAILING_SIGNATURE.exec(text);
  if (trail && (!lead || trail.index > lead.index + lead[0].length)) {
    const start = trail.index + 1;
    claims.push({ start, end: start + trail[1]!.length, text: trail[1]!, form: 'signature' });
  }
  const id = LEADING_ID.exec(text);
  if (id) {
    const start = id.index + id[0].length - id[1]!.length;
    claims.push({ start, end: start + id[1]!.length, text: id[1]!, form: 'sender-id' });
  }
  return claims.sort((a, b) => a.start - b.start);
}

/** `#ID` tokens anywhere in `text` (a report quoting an agency's registered ID). */
export function findSenderIdTokens(text: string): Array<{ start: number; end: number; text: string }> {
  const out: Array<{ start: number; end: number; text: string }> = [];
  for (const m of text.matchAll(/(?<![\p{L}\p{N}_&#-])#[\p{L}\p{N}][\p{L}\p{N}_.&-]{0,19}(?![\p{L}\p{N}_&-])/gu)) {
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

/**
 * An ID folded for comparison: NFKC, lower case, without spaces, quotes and brackets.
 * `#HKPost`, `＃ＨＫＰｏｓｔ` and `"#hkpost"` are the same; `HKPost` (no `#`) is not `#HKPost`.
 */
export function senderKey(id: string): string {
  return id
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s"'“”‘’「」【】[\]<>]/g, '');
}
