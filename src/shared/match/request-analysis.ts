/**
 * Reporting is not asking. A page that names an agency is a `caution` only when it asks
 * its reader for payment or personal data; a news report of a breach quotes the agency's
 * own warning ("do not click the links, give personal or financial data, or pay") and asks
 * nothing. This module reads each sentence that holds a request cue (`request-cues.ts`)
 * and decides whether it is addressed to the reader:
 *
 * - for: a request addressed to the reader — an imperative at the start of a sentence or
 *   clause ("Pay the fee", "Please log in", "請即付款"), second person ("your account",
 *   "您的包裹", "閣下"), a deadline or threat ("within 24 hours", "逾期", "否則");
 * - against: a negation before the cue ("never asks for payment", "do not pay", "切勿付款",
 *   "不會…收集個人資料"), third-person reporting ("the council said", "scammers ask
 *   victims to", "市民", "騙徒", "警方指"), the cue inside quotation marks, and conditional
 *   past ("if you have provided personal data", "如曾提供個人資料").
 *
 * A sentence asks when it is addressed to the reader, is not a report, and holds a cue that
 * no negation precedes. The cue lists and markers are data; extend them here. The markers
 * come from the wording of real Hong Kong scam messages and of real news reports and press
 * releases about them (see `test/fixtures/text/`).
 */
import { REQUEST_CUES, type CueKind } from './request-cues';
import { foldText, isWordChar } from './normalize-text';

/** What the analysis found. */
export interface RequestAnalysis {
  /** Cue kinds in sentences that ask the reader. */
  asks: CueKind[];
  /** Cue kinds found only in reported, negated or quoted sentences. */
  reported: CueKind[];
}

const IMPERATIVES = [
  'pay',
  'click',
  'tap',
  'verify',
  'confirm',
  'update',
  'enter',
  'log in',
  'login',
  'sign in',
  'submit',
  'provide',
  'complete',
  'settle',
  'fill in',
  'fill',
  'input',
  'visit',
  'follow',
  'renew',
  'reactivate',
  'activate',
  'unlock',
  'claim',
  'download',
  'scan',
  'reply',
  'transfer',
  'register',
  'redeem',
  'apply',
  'check',
  'view',
  'please',
  'kindly',
  'act now',
];
const SECOND_PERSON = ['you', 'your', 'yours', "you're", "you've", 'yourself'];
const URGENCY = [
  'within 24 hours',
  'within 48 hours',
  'within 12 hours',
  'immediately',
  'as soon as possible',
  'today',
  'tonight',
  'expire',
  'expires',
  'expiring',
  'will be suspended',
  'will be cancelled',
  'will be returned',
  'last chance',
  'final notice',
  'otherwise',
];
const NEGATIONS = ['not', 'never', 'no', "don't", "doesn't", "won't", "didn't", 'cannot', "can't", 'nor', 'refrain', 'avoid', 'without'];
const REPORTING = [
  'said',
  'says',
  'told',
  'according to',
  'reported',
  'reports',
  'alerted',
  'alerts',
  'urged',
  'urges',
  'reminded',
  'reminds',
  'warned',
  'warns',
  'claimed',
  'claiming',
  'claims',
  'purporting',
  'purportedly',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'stated',
  'announced',
  'members of the public',
  'the public',
  'scammers',
  'scammer',
  'fraudsters',
  'fraudster',
  'swindlers',
  'hackers',
  'hacker',
  'victims',
  'victim',
  'recipients',
  'residents',
  'citizens',
  'police',
  'the council',
  'the department',
  'the bank',
  'the agency',
  'the authority',
  'anyone who',
  'those who',
  'people who',
  'it said',
  'asking them',
  'asked them',
  'lured',
  'tricked',
  'deceive',
  'seek to',
];
const CONDITIONAL_PAST = ['if you have', "if you've", 'who has', 'who have', 'has provided', 'have provided', 'had provided'];

const ZH_IMPERATIVES = ['請', '请', '立即', '立刻', '馬上', '马上', '盡快', '尽快', '即時', '即时'];
const ZH_SECOND_PERSON = ['您', '你', '閣下', '阁下'];
const ZH_URGENCY = [
  '逾期',
  '過期',
  '过期',
  '即將',
  '即将',
  '限期',
  '否則',
  '否则',
  '今日內',
  '今日内',
  '24小時',
  '24小时',
  '凍結',
  '冻结',
  '暫停',
  '暂停',
];
const ZH_NEGATIONS = [
  '不會',
  '不会',
  '切勿',
  '請勿',
  '请勿',
  '勿',
  '絕不',
  '绝不',
  '從不',
  '从不',
  '不要',
  '毋須',
  '毋须',
  '無須',
  '无须',
  '不應',
  '不应',
  '並無',
  '并无',
  '沒有',
  '没有',
  '不得',
  '避免',
];
const ZH_REPORTING = [
  '表示',
  '指出',
  '警方指',
  '署方指',
  '該署指',
  '该署指',
  '聲稱',
  '声称',
  '訛稱',
  '讹称',
  '呼籲',
  '呼吁',
  '提醒',
  '市民',
  '公眾',
  '公众',
  '騙徒',
  '骗徒',
  '黑客',
  '受害人',
  '事主',
  '據悉',
  '据悉',
  '警方',
  '發言人',
  '发言人',
  '要求其',
  '要求收件人',
  '要求用戶',
  '要求用户',
  '要求客戶',
  '要求客户',
  '誘使',
  '诱使',
  '誘騙',
  '诱骗',
  '企圖',
  '企图',
  '澄清',
  '強調',
  '强调',
  '重申',
  '報道',
  '报道',
  '記者',
  '记者',
  '有關人士',
  '有关人士',
  '帳戶持有人',
  '他們',
  '他们',
];
const ZH_CONDITIONAL_PAST = ['如曾', '若曾', '曾向', '曾經', '曾经', '如已', '若已'];

const QUOTED = /“[^”]*”|「[^」]*」|『[^』]*』|"[^"\n]*"/g;
const SENTENCE = /[^.!?。！？；;\n]+[.!?。！？；;\n]*/g;
/**
 * A dot between two letters or digits (`bit.ly`, `gov.hk.secure-update.top`, `HK$3.80`)
 * is part of an address or a number, not the end of a sentence: it is masked before
 * splitting (same length, so offsets hold), or "top and pay the fee" would lose its verb.
 */
const INNER_DOT = /(?<=[a-z0-9-])\.(?=[a-z0-9])/gi;

/**
 * Which request cues in `text` ask its reader, and which are only reported.
 *
 * @param text - visible text (any length; folded here).
 */
export function analyseRequests(text: string): RequestAnalysis {
  const folded = foldText(text)
    .replace(QUOTED, (quote) => ' '.repeat(quote.length))
    .replace(INNER_DOT, '\u2024');
  const asks = new Set<CueKind>();
  const reported = new Set<CueKind>();
  for (const match of folded.matchAll(SENTENCE)) {
    const sentence = match[0];
    const cues = cuesIn(sentence);
    if (cues.length === 0) continue;
    const addressed = isAddressed(sentence);
    const report = isReport(sentence);
    for (const cue of cues) {
      if (addressed && !report && !negatedBefore(sentence, cue.at)) asks.add(cue.kind);
      else reported.add(cue.kind);
    }
  }
  for (const kind of asks) reported.delete(kind);
  return { asks: [...asks], reported: [...reported] };
}

/**
 * True when a short action text (a button or link label) asks for payment or personal
 * data: `Pay now`, `Verify your account`, `立即付款`.
 */
export function actionAsks(label: string): CueKind[] {
  const folded = foldText(label).trim();
  if (folded.length === 0 || folded.length > 80) return [];
  const cues = cuesIn(folded);
  if (cues.length === 0) return [];
  return isAddressed(folded) && !negatedBefore(folded, cues[0]!.at) ? [...new Set(cues.map((c) => c.kind))] : [];
}

interface CueHit {
  kind: CueKind;
  at: number;
}

function cuesIn(sentence: string): CueHit[] {
  const hits: CueHit[] = [];
  for (const list of REQUEST_CUES) {
    for (const cue of list.chinese) {
      const at = sentence.indexOf(cue);
      if (at >= 0) hits.push({ kind: list.kind, at });
    }
    for (const cue of list.latin) {
      const at = wordIndex(sentence, cue);
      if (at >= 0) hits.push({ kind: list.kind, at });
    }
  }
  return hits;
}

function isAddressed(sentence: string): boolean {
  const start = sentence.trimStart();
  // An imperative opening the sentence, or a clause after a colon (SMS: "HKeToll: Pay…").
  const clauses = [
    start,
    ...start
      .split(/[:：,，]/)
      .slice(1)
      .map((c) => c.trimStart()),
  ];
  if (clauses.some((c) => IMPERATIVES.some((v) => c.startsWith(v) && !isWordChar(c[v.length])))) return true;
  if (SECOND_PERSON.some((w) => wordIndex(sentence, w) >= 0)) return true;
  if (URGENCY.some((w) => wordIndex(sentence, w) >= 0)) return true;
  if (ZH_SECOND_PERSON.some((w) => sentence.includes(w))) return true;
  if (ZH_IMPERATIVES.some((w) => sentence.includes(w))) return true;
  return ZH_URGENCY.some((w) => sentence.includes(w));
}

function isReport(sentence: string): boolean {
  if (REPORTING.some((w) => wordIndex(sentence, w) >= 0)) return true;
  if (CONDITIONAL_PAST.some((w) => wordIndex(sentence, w) >= 0)) return true;
  return ZH_REPORTING.some((w) => sentence.includes(w)) || ZH_CONDITIONAL_PAST.some((w) => sentence.includes(w));
}

function negatedBefore(sentence: string, at: number): boolean {
  const before = sentence.slice(0, at);
  if (NEGATIONS.some((w) => wordIndex(before, w) >= 0) || /n't\b/.test(before)) return true;
  return ZH_NEGATIONS.some((w) => before.includes(w));
}

/** Index of `needle` in `haystack` as a whole word (no letter or digit on either side), or -1. */
function wordIndex(haystack: string, needle: string): number {
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) return -1;
    if (!isWordChar(haystack[at - 1]) && !isWordChar(haystack[at + needle.length])) return at;
    from = at + 1;
  }
}
