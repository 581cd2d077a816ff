// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_FEED } from '../shared/feed/default-feed';
import type { Verdict } from '../shared/match/verdict';
import type { FeedStatus, UiState } from '../shared/messaging/protocol';
import { DEFAULT_SETTINGS } from '../shared/settings/settings';
import { AgencyCard } from './agency-card';
import { FreshnessNote, PopupView } from './popup-view';

const NOW = Date.parse('2026-11-29T10:00:00Z');
const embedded: FeedStatus = {
  url: null,
  source: 'embedded',
  keyIds: [],
  feedId: 'hk-default',
  sequence: 1,
  issuedAt: DEFAULT_FEED.issued_at,
  expiresAt: DEFAULT_FEED.expires_at,
  lastCheckedAt: null,
  lastSuccessAt: null,
  lastError: null,
  state: 'fresh',
};
function state(overrides: Partial<UiState> = {}): UiState {
  return {
    feed: DEFAULT_FEED,
    provenance: {},
    notPreBlocked: [],
    feeds: [embedded],
    settings: DEFAULT_SETTINGS,
    policy: {
      set: [],
      locked: [],
      allowUserFeeds: true,
      allowDismiss: true,
      allowUserAllowlist: true,
      allowContinueAnyway: true,
      refreshIntervalMinutes: null,
      reportAddress: null,
    },
    tabVerdict: null,
    language: 'en',
    browserLanguage: 'en',
    ...overrides,
  };
}
const investhk = DEFAULT_FEED.agencies.find((a) => a.id === 'investhk')!;
const council = DEFAULT_FEED.agencies.find((a) => a.id === 'consumer-council')!;

afterEach(cleanup);

function type(text: string) {
  const box = screen.getByRole('searchbox');
  fireEvent.input(box, { target: { value: text } });
}
function fullCard(): HTMLElement {
  const card = document.querySelector<HTMLElement>('article.card:not(.compact)');
  if (!card) throw new Error('no full card');
  return card;
}

describe('PopupView', () => {
  it('focuses the search box on open and lists every agency with its hotline', () => {
    render(<PopupView state={state()} now={NOW} />);
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: /look up an agency/i }));
    expect(screen.getByRole('link', { name: 'Call Invest Hong Kong on 3107 1000' }).getAttribute('href')).toBe('tel:31071000');
    expect(screen.getByText('This page has not been checked.')).toBeTruthy();
  });

  it.each([
    ['en', '投資推廣署', 'Invest Hong Kong'],
    ['en', 'invest hong kong', 'Invest Hong Kong'],
    ['zh-Hant', 'InvestHK', '投資推廣署'],
    ['zh-Hans', '投資推廣署', '投资推广署'],
    ['zh-Hant', 'hongkonpost', '香港郵政'],
  ] as const)('in %s, "%s" shows the card of %s first', (language, query, name) => {
    render(<PopupView state={state({ language })} now={NOW} />);
    type(query);
    expect(within(fullCard()).getByRole('heading').textContent).toBe(name);
  });

  it('gives a verdict for a pasted lookalike URL with plain-words reasons', () => {
    render(<PopupView state={state()} now={NOW} />);
    type('http://investhk.gov.hk.secure-pay.top/pay');
    const panel = screen.getByRole('region', { name: /About http:\/\/investhk/ });
    expect(panel.getAttribute('data-severity')).toBe('danger');
    expect(panel.textContent).toContain('puts the official address in front of another website');
    expect(panel.textContent).not.toContain('official-as-subdomain');
    expect(within(fullCard()).getByText('enq@investhk.gov.hk').getAttribute('href')).toBe('mailto:enq@investhk.gov.hk');
  });

  it('says when an address is not on the list', () => {
    render(<PopupView state={state()} now={NOW} />);
    type('example.com');
    expect(screen.getByText(/does not belong to any agency on the list/)).toBeTruthy();
  });

  it('says when nothing matches', () => {
    render(<PopupView state={state()} now={NOW} />);
    type('weather');
    expect(screen.getAllByText('No listed agency matches “weather”.').length).toBeGreaterThan(0);
  });

  it('shows the current tab verdict at the top', () => {
    const verdict: Verdict = {
      url: 'http://investhk.gov.hk.secure-pay.top/pay',
      verdict: 'lookalike',
      severity: 'danger',
      agency: 'investhk',
      reasons: ['official-as-subdomain'],
    };
    render(<PopupView state={state({ tabVerdict: verdict, language: 'zh-Hant' })} now={NOW} />);
    const panel = screen.getByRole('region', { name: '此網頁' });
    expect(panel.textContent).toContain('投資推廣署');
    expect(
      within(panel)
        .getByRole('link', { name: /3107 1000/ })
        .getAttribute('href'),
    ).toBe('tel:31071000');
  });

  it('says when the user allowlisted the tab’s site', () => {
    const verdict: Verdict = {
      url: 'http://forum.example.net/',
      verdict: 'unrelated',
      severity: 'none',
      agency: null,
      reasons: ['user-allowlist'],
    };
    render(<PopupView state={state({ tabVerdict: verdict })} now={NOW} />);
    expect(screen.getByText(/marked this site as a false alarm/)).toBeTruthy();
  });

  it('expands a compact card with Details and moves the focus to it', () => {
    render(<PopupView state={state()} now={NOW} />);
    fireEvent.click(screen.getByRole('button', { name: 'Show details for Consumer Council' }));
    expect(fullCard().getAttribute('data-agency')).toBe('consumer-council');
    expect(document.activeElement).toBe(fullCard());
  });

  it('copies the hotline and announces it', async () => {
    const copy = vi.fn(async () => true);
    render(<PopupView state={state()} now={NOW} copy={copy} />);
    fireEvent.click(screen.getAllByRole('button', { name: 'Copy the number 3107 1000' })[0]!);
    expect(copy).toHaveBeenCalledWith('3107 1000');
    expect(await screen.findByText('Copied 3107 1000')).toBeTruthy();
  });
});

describe('AgencyCard', () => {
  it('renders names, contacts, links, campaign and promise as text', () => {
    render(<AgencyCard agency={investhk} lang="en" active copy={async () => true} />);
    expect(screen.getByRole('heading').textContent).toBe('Invest Hong Kong');
    expect(screen.getByText(/投資推廣署 · 投资推广署 · InvestHK/)).toBeTruthy();
    expect(screen.getByText(/Scam campaign active since 23 February 2025/)).toBeTruthy();
    expect(screen.getByRole('link', { name: /Official website/ }).getAttribute('href')).toBe('https://www.investhk.gov.hk/');
    expect(screen.getByText(/never sends links by email/)).toBeTruthy();
  });

  it('says when a campaign is over, in Chinese', () => {
    render(<AgencyCard agency={council} lang="zh-Hant" active={false} copy={async () => true} />);
    expect(screen.getByText(/騙案活動已結束/)).toBeTruthy();
    expect(screen.getByRole('link', { name: '總機 2856 3113' }).getAttribute('href')).toBe('tel:28563113');
  });

  it('never renders feed text as HTML', () => {
    const hostile = { ...investhk, names: { en: '<img src=x onerror=alert(1)>' }, promise: { en: '<b>bold</b>' } };
    const { container } = render(<AgencyCard agency={hostile} lang="en" active copy={async () => true} />);
    expect(container.querySelector('img, b')).toBeNull();
    expect(screen.getByText('<b>bold</b>')).toBeTruthy();
  });
});

describe('FreshnessNote', () => {
  it('shows the issue date and the built-in state when fresh', () => {
    render(<FreshnessNote state={state()} lang="en" now={NOW} />);
    expect(screen.getByText(/Scam list issued .*Built-in list/)).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
  it('warns when stale', () => {
    const stale: FeedStatus = {
      ...embedded,
      url: 'https://f.example/x.json',
      source: 'user',
      state: 'stale',
      lastCheckedAt: '2026-11-20T00:00:00Z',
    };
    render(<FreshnessNote state={state({ feeds: [embedded, stale] })} lang="en" now={NOW} />);
    expect(screen.getByRole('status').textContent).toMatch(/not been updated for a while/);
    expect(screen.getByText(/Last checked/)).toBeTruthy();
  });
  it('alerts when expired', () => {
    render(<FreshnessNote state={state()} lang="zh-Hant" now={Date.parse('2028-01-01T00:00:00Z')} />);
    expect(screen.getByRole('alert').textContent).toMatch(/已於 .* 過期/);
  });
});

describe('Check a message', () => {
  function check(message: string, sender = '') {
    fireEvent.input(screen.getByLabelText(/paste the whole message|貼上整則訊息/i), { target: { value: message } });
    if (sender) fireEvent.input(screen.getByLabelText(/sender shown|顯示的發送人/i), { target: { value: sender } });
    fireEvent.click(screen.getByRole('button', { name: /check message|檢查訊息/i }));
  }
  const findings = () =>
    [...document.querySelectorAll<HTMLElement>('.findings li')].map((li) => [li.dataset.kind, li.dataset.severity, li.textContent]);

  it('lists every part of the English SMS with its verdict, the fake number beside the genuine one, and the promise', () => {
    render(<PopupView state={state()} now={NOW} />);
    check(
      'InvestHK: your client record expires today. Verify at invest-hk.gov.hk.secure-update.top and pay the HK$38 fee. Questions? Call 3107 1080',
    );
    const section = within(screen.getByRole('region', { name: 'Check a message' }));
    expect(findings()).toEqual([
      ['mention', 'caution', 'Agency named InvestHKNames Invest Hong Kong and asks for payment or personal data.'],
      ['url', 'danger', 'Web address invest-hk.gov.hk.secure-update.topImitates Invest Hong Kong. Do not open it.'],
      ['phone', 'caution', 'Phone number 3107 1080Not a number of Invest Hong Kong. Its genuine hotline: 3107 1000.'],
    ]);
    expect(section.getByText(investhk.promise.en)).toBeTruthy();
    expect(section.getByRole('link', { name: /3107 1000/ }).getAttribute('href')).toBe('tel:31071000');
    expect(section.queryByRole('link', { name: /report/i })).toBeNull();
  });

  it('reads a Traditional Chinese SMS and names an unregistered sender, in Chinese', () => {
    render(<PopupView state={state({ language: 'zh-Hant' })} now={NOW} />);
    check('香港郵政：您的包裹因地址不完整未能派遞，請於 hxxps://hongkongpost-hk[.]top/track 更新地址並繳付 HK$12。', 'HKPOST');
    const rows = findings();
    expect(rows[0]).toEqual(['sender', 'caution', '發送人 HKPOST香港郵政只會以 #HKPost 發出短訊，這個發送人並非其中之一。']);
    expect(rows.find((r) => r[0] === 'url')?.[1]).toBe('danger');
    expect(screen.getByText(localizeHant(DEFAULT_FEED.agencies[1]!.promise))).toBeTruthy();
  });

  it('says so when nothing concerns a listed agency', () => {
    render(<PopupView state={state()} now={NOW} />);
    check('Your table for 4 at 7pm is confirmed. Call 2345 6789 to change.');
    expect(screen.getByText('Nothing in this message belongs to, imitates or names an agency on the list.')).toBeTruthy();
    expect(findings()).toEqual([['phone', 'none', 'Phone number 2345 6789Not a number of an agency on the list.']]);
  });

  it("prepares a report to the policy's address, as a link the user opens", () => {
    const policy = { ...state().policy, reportAddress: 'mailto:reports@it.example.hk' };
    render(<PopupView state={state({ policy })} now={NOW} extensionVersion="9.9.9" />);
    check('Invest Hong Kong: pay at investhk-gov.top');
    const link = screen.getByRole('link', { name: 'Report a false alarm' });
    const href = new URL(link.getAttribute('href')!);
    expect(href.protocol).toBe('mailto:');
    expect(href.searchParams.get('body')).toContain('verdict: lookalike');
    expect(href.searchParams.get('body')).toContain('extension: 9.9.9');
    expect(href.searchParams.get('body')).toContain('feed: hk-default #1');
  });
});

function localizeHant(text: { en: string; 'zh-Hant'?: string }): string {
  return text['zh-Hant'] ?? text.en;
}

describe('trust model in the popup (issue 12)', () => {
  it('says which feeds expired and no longer count', () => {
    const expired: FeedStatus = { ...embedded, url: 'https://f.example/x.json', source: 'user', feedId: 'community', state: 'expired' };
    render(<FreshnessNote state={state({ feeds: [embedded, expired] })} lang="en" now={NOW} />);
    expect(screen.getByText(/A scam list you follow expired and no longer counts: community/)).toBeTruthy();
  });

  it('marks an agency from a user feed as such on its card', () => {
    const ferry = {
      ...investhk,
      id: 'ferry',
      names: { en: 'Lantau Ferry Licensing Office' },
      aliases: [],
      official_domains: ['lantauferry.gov.hk'],
      brand_tokens: undefined,
    };
    const feed = { ...DEFAULT_FEED, agencies: [...DEFAULT_FEED.agencies, ferry] };
    const provenance = {
      ferry: { feedId: 'community', source: 'user' as const, url: 'https://f.example/x.json', publisher: { en: 'Community Watch' } },
      investhk: { feedId: 'hk-default', source: 'embedded' as const, url: null, publisher: DEFAULT_FEED.publisher.name },
    };
    render(<PopupView state={state({ feed, provenance })} now={NOW} initialQuery="Lantau Ferry" />);
    expect(screen.getByText(/From a feed you added: Community Watch \(community\)/)).toBeTruthy();
  });
});
