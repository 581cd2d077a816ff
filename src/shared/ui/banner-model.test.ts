import { describe, expect, it } from 'vitest';
import { DEFAULT_FEED } from '../feed/default-feed';
import type { Verdict } from '../match/verdict';
import { bannerModel, reasonText, telHref } from './banner-model';

const investhk = DEFAULT_FEED.agencies.find((a) => a.id === 'investhk')!;
const hkpost = DEFAULT_FEED.agencies.find((a) => a.id === 'hongkongpost')!;
const danger: Verdict = {
  url: 'https://investhk-pay.top/',
  verdict: 'lookalike',
  severity: 'danger',
  agency: 'investhk',
  reasons: ['brand-embedded'],
};

describe('bannerModel', () => {
  it('says which agency, its promise, the hotline as tel:, the email as mailto:, the website and 18222', () => {
    const model = bannerModel(danger, investhk, DEFAULT_FEED.help, 'en')!;
    expect(model.title).toBe('Warning: this may be a scam pretending to be Invest Hong Kong');
    expect(model.promise).toBe(investhk.promise.en);
    expect(model.reasons).toEqual(["borrows the agency's name in another website's name"]);
    expect(model.actions.map((a) => a.href)).toEqual([
      'tel:31071000',
      'mailto:enq@investhk.gov.hk',
      'https://www.investhk.gov.hk/',
      'tel:18222',
    ]);
  });

  it('uses the advisory page when the feed has one, and leaves out a missing email', () => {
    const model = bannerModel({ ...danger, agency: 'hongkongpost' }, hkpost, [], 'zh-Hant')!;
    expect(model.title).toContain('香港郵政');
    expect(model.actions.map((a) => a.href)).toEqual(['tel:29212222', hkpost.advisory_url]);
    expect(model.lang).toBe('zh-HK');
  });

  it('is dismissible unless managed policy forbids it', () => {
    expect(bannerModel(danger, investhk, [], 'en')!.dismissible).toBe(true);
    expect(bannerModel(danger, investhk, [], 'en', false)!.dismissible).toBe(false);
  });

  it('has no banner for verdicts with nothing to say', () => {
    expect(bannerModel({ ...danger, severity: 'none' }, investhk, [], 'en')).toBeNull();
    expect(bannerModel(danger, undefined, [], 'en')).toBeNull();
  });

  it('passes feed text through unchanged (it is rendered as text, never parsed as HTML)', () => {
    const hostile = { ...investhk, promise: { en: '<img src=x onerror=alert(1)>' } };
    expect(bannerModel(danger, hostile, [], 'en')!.promise).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('telHref and reasonText', () => {
  it('dials digits only', () => {
    expect(telHref('+852 3107 1000')).toBe('tel:+85231071000');
    expect(telHref('(852) 2921-2222')).toBe('tel:85229212222');
  });

  it('words reason codes, including unwrapping prefixes it does not know', () => {
    expect(reasonText('typo-distance-1', 'en')).toBe('misspells the official address by one letter');
    expect(reasonText('unwrapped-redirect:google', 'en')).toBeNull();
  });
});
