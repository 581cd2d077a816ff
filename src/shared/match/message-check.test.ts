import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMatcher } from './matcher';
import { findSenderClaims } from './sender-ids';
import { defaultFeed } from './testing/test-feed';
import { isWarning } from './verdict';

const m = createMatcher(defaultFeed());
const finding = (text: string, kind: string, written: string, options = {}) =>
  m.matchMessage(text, options).findings.find((f) => f.kind === kind && f.text === written);

describe("matchMessage: the issue's English SMS", () => {
  const sms =
    'InvestHK: your client record expires today. Verify at invest-hk.gov.hk.secure-update.top and pay the HK$38 fee. Questions? Call 3107 1080';
  const result = m.matchMessage(sms);

  it('finds the lookalike host, the agency and the fake number, and is dangerous', () => {
    expect(result.findings.map((f) => [f.kind, f.text])).toEqual([
      ['mention', 'InvestHK'],
      ['url', 'invest-hk.gov.hk.secure-update.top'],
      ['phone', '3107 1080'],
    ]);
    expect(result.verdict).toMatchObject({ verdict: 'lookalike', severity: 'danger', agency: 'investhk' });
    expect(result.agency).toBe('investhk');
  });

  it("flags the number as not the agency's, with the genuine hotline", () => {
    expect(finding(sms, 'phone', '3107 1080')?.verdict).toMatchObject({
      verdict: 'mentions',
      severity: 'caution',
      agency: 'investhk',
      reasons: ['unlisted-phone'],
      genuinePhones: ['3107 1000'],
    });
  });

  it('offsets point at the text', () => {
    for (const f of result.findings) expect(sms.slice(f.start, f.end)).toBe(f.text);
  });
});

describe('matchMessage: phone numbers', () => {
  it('a genuine number is official, in any format', () => {
    for (const n of ['3107 1000', '+852 3107-1000', '(852) 31071000', '３１０７ １０００']) {
      expect(finding(`InvestHK hotline ${n}`, 'phone', n)?.verdict).toMatchObject({
        verdict: 'official',
        agency: 'investhk',
        reasons: ['official-phone'],
      });
    }
  });

  it('the Anti-Scam Helpline is a help line without an agency', () => {
    expect(finding('Call the Anti-Scam Helpline 18222', 'phone', '18222')?.verdict).toMatchObject({
      verdict: 'official',
      agency: null,
      reasons: ['help-line:adcc-18222'],
    });
  });

  it('numbers in text that names no agency are left alone', () => {
    expect(finding('Your table is ready, call 3107 1080', 'phone', '3107 1080')?.verdict).toMatchObject({
      verdict: 'unrelated',
      severity: 'none',
    });
  });

  it('a name far away or behind a blank line does not present a number', () => {
    const far = `Hongkong Post\n\nUnrelated paragraph. Call 9123 4567`;
    expect(finding(far, 'phone', '9123 4567')?.verdict.verdict).toBe('unrelated');
    const distant = `Hongkong Post ${'filler words '.repeat(40)} call 9123 4567`;
    expect(finding(distant, 'phone', '9123 4567')?.verdict.verdict).toBe('unrelated');
  });

  it('an ended campaign does not make a fake number fine', () => {
    expect(finding('消委會熱線 2929 2223', 'phone', '2929 2223')?.verdict).toMatchObject({
      severity: 'caution',
      agency: 'consumer-council',
      genuinePhones: ['2929 2222', '2856 3113'],
    });
  });

  it('government pages list numbers of many bodies: no flag there', () => {
    expect(
      finding('Hongkong Post counter 9123 4567', 'phone', '9123 4567', { pageUrl: 'https://www.info.gov.hk/gia/x.htm' })?.verdict.severity,
    ).toBe('none');
  });
});

describe('matchLink: tel: links', () => {
  it("the genuine number is official; a fake one named as the agency's is a deceptive link with the genuine number", () => {
    expect(m.matchLink('tel:+85231071000', 'Call us')).toMatchObject({ verdict: 'official', agency: 'investhk' });
    expect(m.matchLink('tel:31071080', 'Call InvestHK')).toMatchObject({
      verdict: 'deceptive-link',
      severity: 'danger',
      reasons: ['unlisted-phone'],
      genuinePhones: ['3107 1000'],
    });
    expect(m.matchLink('tel:31071080', '3107 1080', undefined, { agency: 'investhk' }).verdict).toBe('deceptive-link');
    expect(m.matchLink('tel:31071080', '3107 1080').verdict).toBe('unrelated');
  });
});

describe('matchMessage: senders', () => {
  it('a registered sender ID is official', () => {
    const r = m.matchMessage('Your parcel is on its way.', { sender: '#HKPost' });
    expect(r.findings[0]).toMatchObject({
      kind: 'sender',
      sender: true,
      start: -1,
      verdict: { verdict: 'official', agency: 'hongkongpost' },
    });
  });

  it('a message naming Hongkong Post from another sender says so', () => {
    for (const sender of ['HKPOST', '#HKPost1', '+852 6123 4567', 'Info']) {
      const r = m.matchMessage('香港郵政：您的包裹未能派遞，請更新地址。', { sender });
      const s = r.findings.find((f) => f.kind === 'sender');
      expect(s?.verdict, sender).toMatchObject({
        verdict: 'mentions',
        severity: 'caution',
        agency: 'hongkongpost',
        reasons: ['sender-not-registered'],
      });
      expect(isWarning(r.verdict.severity)).toBe(true);
    }
  });

  it('a sender that only spells the agency is enough (the text need not name it)', () => {
    expect(finding('Delivery failed, confirm your address', 'sender', 'HKPOST', { sender: 'HKPOST' })?.verdict.reasons).toEqual([
      'sender-not-registered',
    ]);
  });

  it('a bracketed signature claims the sender; an agency without registered IDs is only named', () => {
    const v = finding('【投資推廣署】閣下的紀錄今日到期。', 'sender', '投資推廣署')?.verdict;
    expect(v).toMatchObject({ verdict: 'mentions', agency: 'investhk', reasons: ['sender-names-agency'] });
  });

  it('findSenderClaims reads From lines, signatures and leading IDs', () => {
    const claims = (t: string) => findSenderClaims(t).map((c) => [c.form, c.text]);
    expect(claims('From: InvestHK <a@b.hk>\nHi')).toEqual([['from-line', 'InvestHK <a@b.hk>']]);
    expect(claims('寄件者：香港郵政')).toEqual([['from-line', '香港郵政']]);
    expect(claims('【香港郵政】包裹…【退訂】')).toEqual([
      ['signature', '香港郵政'],
      ['signature', '退訂'],
    ]);
    expect(claims('#HKPost: your parcel')).toEqual([['sender-id', '#HKPost']]);
    expect(claims('Call #HKPost')).toEqual([]);
  });
});

describe('matchMessage: email addresses', () => {
  it('judges the mail domain like a mailto: link', () => {
    expect(finding('write to enq@investhk.gov.hk', 'email', 'enq@investhk.gov.hk')?.verdict.verdict).toBe('official');
    expect(finding('From: notice@investhk-gov.hk', 'email', 'notice@investhk-gov.hk')?.verdict).toMatchObject({
      verdict: 'lookalike',
      agency: 'investhk',
    });
  });

  it("a mailbox named after the agency on another domain imitates it (Hongkong Post's own examples)", () => {
    for (const address of ['hongkongpost@xmail.com', 'posthk@post.hk']) {
      expect(finding(`reply to ${address}`, 'email', address)?.verdict).toMatchObject({
        verdict: 'lookalike',
        agency: 'hongkongpost',
        reasons: expect.arrayContaining(['mail-user-imitates-agency']),
      });
    }
  });

  it('a From line naming the agency from an address that is not its own is deceptive', () => {
    const v = finding('From: Invest Hong Kong <billing@mailer.example.com>\nPay now.', 'email', 'billing@mailer.example.com')?.verdict;
    expect(v).toMatchObject({ verdict: 'deceptive-link', severity: 'caution', agency: 'investhk', reasons: ['display-name-not-official'] });
  });
});

describe('matchMessage: a Traditional Chinese SMS with a disguised address', () => {
  const sms =
    '【投資推廣署】閣下的客戶紀錄今日到期，請於 hxxps://investhk-gov[.]top/verify 核實並繳付港幣38元手續費。查詢請致電 ３１０７ １０８０。';
  it('finds the sender claim, the disguised lookalike and the fake number', () => {
    const r = m.matchMessage(sms);
    expect(r.findings.map((f) => [f.kind, f.verdict.verdict, f.verdict.severity])).toEqual([
      ['sender', 'mentions', 'info'],
      ['url', 'lookalike', 'danger'],
      ['phone', 'mentions', 'caution'],
    ]);
    expect(r.findings[1]!.verdict.reasons).toEqual(expect.arrayContaining(['plain-text-address', 'disguised-address']));
  });
});

describe('real news text raises no alarm on what it quotes', () => {
  const news = (
    JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../test/fixtures/text/news-breaches.json'), 'utf8')) as {
      reports: Array<{ source: string; text: string }>;
    }
  ).reports;
  it.each(news.map((r) => [r.source, r.text] as const))('%s', (_source, text) => {
    const warnings = m.matchMessage(text).findings.filter((f) => f.kind !== 'mention' && isWarning(f.verdict.severity));
    expect(warnings).toEqual([]);
  });
});
