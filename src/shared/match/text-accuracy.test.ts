/**
 * Reporting is not asking, measured on real text (`test/fixtures/text/`, each excerpt with
 * its source): news reports and statements about the default feed's three breaches, in
 * English, Traditional and Simplified Chinese, name the agency and quote its warning but ask
 * nothing (no caution); real scam SMS wording asks for payment or personal data (caution).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../feed/validate-feed';
import { createMatcher } from './matcher';
import { defaultFeedInput } from './testing/test-feed';

const DIR = resolve(import.meta.dirname, '../../../test/fixtures/text');
const news = (
  JSON.parse(readFileSync(resolve(DIR, 'news-breaches.json'), 'utf8')) as {
    reports: Array<{ agency: string; lang: string; source: string; text: string }>;
  }
).reports;
const scams = (
  JSON.parse(readFileSync(resolve(DIR, 'scam-messages.json'), 'utf8')) as {
    messages: Array<{ agency: string; source: string; text: string }>;
  }
).messages;

/** The default feed with every campaign active, so that a mention could warn. */
function activeDefaultFeed() {
  const input = defaultFeedInput();
  for (const agency of input.agencies) agency.campaign = { ...agency.campaign, status: 'active', until: undefined };
  return parseFeed(input);
}

/** Bodies named by the scam messages, with the names their sources use. */
function scamFeed() {
  const input = defaultFeedInput();
  const base = input.agencies[0]!;
  const body = (id: string, en: string, zh: string, domain: string) => ({
    ...structuredClone(base),
    id,
    names: { en, 'zh-Hant': zh },
    aliases: [],
    official_domains: [domain],
    brand_tokens: undefined,
    website: `https://www.${domain}/`,
  });
  input.agencies = [
    body('hketoll', 'HKeToll', '易通行', 'hketoll.gov.hk'),
    body('wsd', 'Water Supplies Department', '水務署', 'wsd.gov.hk'),
    body('towngas', 'Towngas', '煤氣公司', 'towngas.com'),
  ];
  return parseFeed(input);
}

describe('news reports of the breaches (real excerpts)', () => {
  const matcher = createMatcher(activeDefaultFeed());

  it.each(news.map((r) => [r.agency, r.lang, r.source, r.text] as const))(
    '%s (%s) %s names the agency and asks nothing',
    (agency, _lang, source, text) => {
      const v = matcher.matchText(text, source);
      expect(v.verdict).toBe('mentions');
      expect(v.agency).toBe(agency);
      expect(v.severity).toBe('info');
    },
  );

  it('covers each agency in English and in Chinese', () => {
    for (const agency of ['investhk', 'hongkongpost', 'consumer-council']) {
      const langs = new Set(news.filter((r) => r.agency === agency).map((r) => r.lang));
      expect(langs.has('en') && (langs.has('zh-Hant') || langs.has('zh-Hans'))).toBe(true);
    }
    expect(new Set(news.map((r) => r.lang))).toEqual(new Set(['en', 'zh-Hant', 'zh-Hans']));
  });
});

describe('real scam messages', () => {
  const matcher = createMatcher(scamFeed());

  it.each(scams.map((s) => [s.agency, s.text] as const))('%s: %s asks its reader', (agency, text) => {
    const v = matcher.matchText(text, 'https://sms.example/');
    expect(v.agency).toBe(agency);
    expect(v.severity).toBe('caution');
    expect(v.reasons.some((r) => r.startsWith('asks-'))).toBe(true);
  });
});
