/**
 * Cues that a text asks for payment or personal data: the two things the listed agencies
 * say they never ask for by link (InvestHK press release, 2025-02-23; Hongkong Post,
 * 2025-07-23). A mention of an agency plus one of these cues is a `caution`.
 *
 * Latin cues match whole words; Chinese cues (Traditional and Simplified) match anywhere.
 * Lists are data: extend them here, never in the matcher.
 */
import { foldText, isWordChar } from './normalize-text';

export type CueKind = 'payment' | 'personal-data';

interface CueList {
  kind: CueKind;
  latin: readonly string[];
  chinese: readonly string[];
}

export const REQUEST_CUES: readonly CueList[] = [
  {
    kind: 'payment',
    latin: [
      'pay',
      'paying',
      'payment',
      'payments',
      'fee',
      'fees',
      'fine',
      'penalty',
      'refund',
      'overdue',
      'outstanding amount',
      'credit card',
      'debit card',
      'card number',
      'cvv',
      'cvc',
      'bank account',
      'transfer',
      'fps',
      'settle',
      'surcharge',
    ],
    chinese: [
      '付款',
      '繳費',
      '缴费',
      '費用',
      '费用',
      '信用卡',
      '扣帳卡',
      '銀行帳戶',
      '银行账户',
      '轉賬',
      '转账',
      '轉帳',
      '罰款',
      '罚款',
      '退款',
      '補交',
      '补交',
      '繳付',
      '缴付',
      '支付',
      '過數',
      '过数',
      '轉數快',
      '转数快',
      '附加費',
      '附加费',
    ],
  },
  {
    kind: 'personal-data',
    latin: [
      'password',
      'passcode',
      'one-time password',
      'otp',
      'verify your',
      'verification',
      'log in',
      'login',
      'sign in',
      'hkid',
      'identity card',
      'id card',
      'personal data',
      'personal details',
      'personal information',
      'update your details',
      'update your information',
      'confirm your details',
      'date of birth',
    ],
    chinese: [
      '密碼',
      '密码',
      '驗證碼',
      '验证码',
      '身份證',
      '身份证',
      '個人資料',
      '个人资料',
      '更新資料',
      '更新资料',
      '核實',
      '核实',
      '驗證',
      '验证',
      '登入',
      '登錄',
      '登录',
      '出生日期',
      '帳戶資料',
      '账户资料',
    ],
  },
];

/**
 * The kinds of request found in `text`.
 *
 * @param text - visible text, folded or not.
 * @returns each cue kind at most once, in {@link REQUEST_CUES} order.
 */
export function findRequestCues(text: string): CueKind[] {
  const folded = foldText(text);
  const kinds: CueKind[] = [];
  for (const list of REQUEST_CUES) {
    if (list.chinese.some((cue) => folded.includes(cue)) || list.latin.some((cue) => includesWord(folded, cue))) {
      kinds.push(list.kind);
    }
  }
  return kinds;
}

/** True when `needle` occurs in `haystack` with no letter or digit right before or after it. */
export function includesWord(haystack: string, needle: string): boolean {
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) return false;
    if (!isWordChar(haystack[at - 1]) && !isWordChar(haystack[at + needle.length])) return true;
    from = at + 1;
  }
}
