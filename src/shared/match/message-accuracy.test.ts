/**
 * What `matchMessage` finds and how it judges it, on real text (`test/fixtures/text/message-parts.json`:
 * agencies' and police statements quoting scam links and giving genuine numbers, news, scam
 * SMS with their senders). `npm run bench` prints the same figures per kind.
 */
import { describe, expect, it } from 'vitest';
import { createMatcher } from './matcher';
import { measureMessages, messageFeed } from './testing/message-accuracy';

const report = measureMessages(createMatcher(messageFeed()));

describe('messages from real sources', () => {
  it('finds every address, number and sender the sources show, and nothing else', () => {
    expect(report.parts.filter((p) => !p.finding).map((p) => p.expected.text)).toEqual([]);
    expect(report.extra.map((e) => e.finding.text)).toEqual([]);
  });

  it('judges every genuine domain, number and sender ID official, for the right agency', () => {
    const wrong = report.parts.filter((p) => p.expected.truth === 'official' && !p.right);
    expect(wrong.map((p) => p.expected.text)).toEqual([]);
  });

  it("raises no alarm on other bodies' numbers and sites", () => {
    const wrong = report.parts.filter((p) => p.expected.truth === 'other' && !p.right);
    expect(wrong.map((p) => p.expected.text)).toEqual([]);
  });

  it('warns on the scam addresses and senders it can know without a feed entry', () => {
    const scams = report.parts.filter((p) => p.expected.truth === 'scam');
    const missed = scams.filter((p) => !p.right).map((p) => p.expected.text);
    // Known misses (see docs/product.md, "What a message is made of"): link shorteners and a
    // generic host whose name is only in the path, which only a feed entry can flag, and
    // a spoofed sender name of a body with no registered sender ID.
    expect(missed).toEqual([
      'https://u6v.cn/6nZg1T',
      'https://goo.by/absG9',
      'https://t[.]ly/HKetoll',
      'https://t.ly/[.]QpBjt',
      'https://maxibrant[.]com/HongKongPosthk19310529Tracking/',
      'HKeToll',
    ]);
  });
});
