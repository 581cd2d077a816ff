import { describe, expect, it } from 'vitest';
import type { Verdict } from '../match/verdict';
import { isDangerousPage, isPreBlocked, parseWarningPageUrl, warningPageUrl } from './warning-page';

const verdict = (v: Partial<Verdict>): Verdict => ({
  url: 'https://x.example/',
  verdict: 'unrelated',
  severity: 'none',
  agency: null,
  reasons: [],
  ...v,
});

describe('isDangerousPage', () => {
  it('is true for blocklisted and lookalike pages at danger severity only', () => {
    expect(isDangerousPage(verdict({ verdict: 'blocklisted', severity: 'danger', agency: 'a' }))).toBe(true);
    expect(isDangerousPage(verdict({ verdict: 'lookalike', severity: 'danger', agency: 'a', reasons: ['typo-distance-1'] }))).toBe(true);
    expect(isDangerousPage(verdict({ verdict: 'official', severity: 'safe', agency: 'a' }))).toBe(false);
    expect(isDangerousPage(verdict({ verdict: 'mentions', severity: 'caution', agency: 'a' }))).toBe(false);
    // A link verdict never makes the page itself the scam.
    expect(isDangerousPage(verdict({ verdict: 'deceptive-link', severity: 'danger', agency: 'a' }))).toBe(false);
    expect(isDangerousPage(verdict({ verdict: 'lookalike', severity: 'caution', agency: 'a' }))).toBe(false);
  });

  it('separates what the rules pre-block from what only the engine catches', () => {
    expect(isPreBlocked(verdict({ verdict: 'blocklisted', severity: 'danger' }))).toBe(true);
    expect(isPreBlocked(verdict({ verdict: 'lookalike', severity: 'danger', reasons: ['official-as-subdomain'] }))).toBe(true);
    expect(isPreBlocked(verdict({ verdict: 'lookalike', severity: 'danger', reasons: ['confusable-skeleton'] }))).toBe(false);
  });
});

describe('warningPageUrl / parseWarningPageUrl', () => {
  const base = 'chrome-extension://abc/src/interstitial/index.html';

  it('keeps the whole page URL in the fragment, including its own fragment and query', () => {
    const page = 'https://invest-hk.gov-hk.support/pay?ref=1&x=2#step-2';
    const href = warningPageUrl(base, page);
    expect(href).toBe(`${base}#${page}`);
    expect(parseWarningPageUrl(href)).toEqual({ url: page, reason: 'page', pushed: false });
  });

  it('carries the reason and the pushed flag in the query, before the fragment', () => {
    const href = warningPageUrl(base, 'https://mail.example/#inbox?reason=page', { reason: 'hidden', pushed: true });
    expect(href).toBe(`${base}?reason=hidden&pushed=1#https://mail.example/#inbox?reason=page`);
    expect(parseWarningPageUrl(href)).toEqual({ url: 'https://mail.example/#inbox?reason=page', reason: 'hidden', pushed: true });
  });

  it('reads flags only from the query, never from the page URL in the fragment', () => {
    expect(parseWarningPageUrl(`${base}#https://x.example/?reason=hidden&pushed=1`)).toEqual({
      url: 'https://x.example/?reason=hidden&pushed=1',
      reason: 'page',
      pushed: false,
    });
    expect(parseWarningPageUrl(base)).toEqual({ url: '', reason: 'page', pushed: false });
  });
});
