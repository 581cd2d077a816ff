// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_FEED } from '../shared/feed/default-feed';
import type { FeedPreview, FeedStatus, PolicyState, UiState } from '../shared/messaging/protocol';
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings/settings';
import { hostFromInput, OptionsView, type OptionsActions } from './options-view';

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
const userFeed: FeedStatus = {
  ...embedded,
  url: 'https://feeds.example.org/hk.json',
  source: 'user',
  keyIds: ['key-2026'],
  sequence: 7,
  lastCheckedAt: '2026-11-29T08:00:00Z',
  lastError: 'HTTP 404',
  state: 'stale',
};
const NO_POLICY: PolicyState = {
  set: [],
  locked: [],
  allowUserFeeds: true,
  allowDismiss: true,
  allowUserAllowlist: true,
  allowContinueAnyway: true,
  refreshIntervalMinutes: null,
  reportAddress: null,
};
const PREVIEW_OK: FeedPreview = {
  ok: true,
  feedId: 'ferry-cert',
  publisher: { en: 'Ferry CERT' },
  sequence: 3,
  expiresAt: '2027-01-30T00:00:00Z',
  agencies: [
    {
      id: 'lantau-ferry',
      names: { en: 'Lantau Ferry Licensing Office' },
      officialDomains: ['lantauferry.gov.hk'],
      hotline: '2100 0002',
      email: 'enquiry@lantauferry.gov.hk',
      website: 'https://www.lantauferry.gov.hk/',
      scamEntries: 2,
    },
  ],
  scamEntries: 2,
  conflicts: [],
};

function setup(settings: Partial<Settings> = {}, policy: PolicyState = NO_POLICY, feeds: FeedStatus[] = [embedded, userFeed]) {
  let current: Settings = { ...DEFAULT_SETTINGS, ...settings };
  const actions: OptionsActions = {
    preview: vi.fn(async () => PREVIEW_OK),
    subscribe: vi.fn(async (url: string) => ({
      ok: true,
      feeds: [...feeds, { ...userFeed, url, sequence: null, state: 'never-fetched' as const }],
    })),
    unsubscribe: vi.fn(async () => ({ ok: true, feeds: [embedded] })),
    checkNow: vi.fn(async () => ({ feeds })),
    updateSettings: vi.fn(async (patch) => (current = { ...current, ...patch })),
  };
  const state: UiState = {
    feed: DEFAULT_FEED,
    provenance: {},
    notPreBlocked: [],
    feeds,
    settings: current,
    policy,
    tabVerdict: null,
    language: 'en',
    browserLanguage: 'en',
  };
  render(<OptionsView state={state} actions={actions} />);
  return { actions, settings: () => current };
}

afterEach(cleanup);

describe('OptionsView', () => {
  it('lists each feed with its status fields', () => {
    setup();
    const feed = document.querySelector('li.feed[data-source="user"]')!;
    expect(feed.textContent).toContain('https://feeds.example.org/hk.json');
    expect(feed.textContent).toContain('key-2026');
    expect(feed.textContent).toContain('HTTP 404');
    expect(feed.textContent).toContain('Stale');
    expect(screen.getByRole('heading', { name: 'Built-in list' })).toBeTruthy();
  });

  it('adds a feed after showing what it would add, and removes it', async () => {
    const { actions } = setup();
    fireEvent.input(screen.getByLabelText(/Feed address/), { target: { value: 'https://new.example.org/f.json' } });
    fireEvent.input(screen.getByLabelText(/public key/), { target: { value: 'MCowBQYDK2VwAyEA' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Check this feed' }).closest('form')!);
    // Nothing is subscribed before the person confirms what the feed would add.
    const panel = (await screen.findByText('This feed would add:')).closest('section')!;
    expect(actions.subscribe).not.toHaveBeenCalled();
    expect(panel.textContent).toContain('Published by Ferry CERT (feed ferry-cert');
    expect(panel.textContent).toContain('Lantau Ferry Licensing Office');
    expect(panel.textContent).toContain('Official web addresses: lantauferry.gov.hk');
    expect(panel.textContent).toContain('Hotline 2100 0002');
    expect(panel.textContent).toContain('Known scam addresses: 2');
    expect(panel.textContent).toMatch(/no agency will ever ask you/);
    fireEvent.click(screen.getByRole('button', { name: 'Add this feed' }));
    await screen.findByText('Feed added.');
    expect(actions.subscribe).toHaveBeenCalledWith('https://new.example.org/f.json', 'MCowBQYDK2VwAyEA');
    fireEvent.click(screen.getByRole('button', { name: 'Remove the feed https://feeds.example.org/hk.json' }));
    await screen.findByText('Feed removed.');
    expect(actions.unsubscribe).toHaveBeenCalledWith('https://feeds.example.org/hk.json');
  });

  it('shows a refused feed in plain words, with no way to add it', async () => {
    const { actions } = setup();
    vi.mocked(actions.preview).mockResolvedValueOnce({
      ok: false,
      code: 'same-agency-id',
      error: 'it tries to speak for what you already have: agency "investhk" …',
      feedId: 'helpful',
      publisher: { en: 'Helpful' },
      agencies: [],
      conflicts: ['agency "investhk" of feed helpful has the same agency id as "investhk" of hk-default (embedded) and differs in hotline'],
    });
    fireEvent.input(screen.getByLabelText(/Feed address/), { target: { value: 'https://x.example/f.json' } });
    fireEvent.input(screen.getByLabelText(/public key/), { target: { value: 'k' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Check this feed' }).closest('form')!);
    const heading = await screen.findByText(/^This feed cannot be added: it tries to speak for what you already have/);
    expect(heading.closest('section')!.textContent).toContain('differs in hotline');
    expect(screen.queryByRole('button', { name: 'Add this feed' })).toBeNull();
    expect(actions.subscribe).not.toHaveBeenCalled();
  });

  it('shows a failed subscription in plain words', async () => {
    const { actions } = setup();
    vi.mocked(actions.subscribe).mockResolvedValueOnce({ ok: false, error: 'signature does not verify', feeds: [embedded] });
    fireEvent.input(screen.getByLabelText(/Feed address/), { target: { value: 'https://x.example/f.json' } });
    fireEvent.input(screen.getByLabelText(/public key/), { target: { value: 'k' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Check this feed' }).closest('form')!);
    fireEvent.click(await screen.findByRole('button', { name: 'Add this feed' }));
    expect(await screen.findByText('The feed was not added: signature does not verify')).toBeTruthy();
  });

  it('shows a feed’s publisher, conflicts and expiry', () => {
    setup({}, NO_POLICY, [
      embedded,
      {
        ...userFeed,
        publisher: { en: 'Helpful Feeds' },
        feedId: 'helpful',
        state: 'expired',
        expiresAt: '2026-10-01T00:00:00Z',
        conflicts: ['agency "investhk" of feed helpful has the same agency id as "investhk" …'],
      },
    ]);
    const card = document.querySelector('li.feed[data-source="user"]')!;
    expect(card.textContent).toContain('Helpful Feeds (helpful)');
    expect(card.textContent).toContain('Not used from this feed');
    expect(card.textContent).toContain('same agency id');
    expect(card.textContent).toMatch(/expired on .* and no longer counts/);
  });

  it('locks feeds when policy forbids user feeds, with an explanation', () => {
    setup(
      {},
      {
        set: ['allowUserFeeds', 'refreshIntervalMinutes'],
        locked: ['feeds'],
        allowUserFeeds: false,
        allowDismiss: true,
        allowUserAllowlist: true,
        allowContinueAnyway: true,
        refreshIntervalMinutes: 60,
        reportAddress: null,
      },
    );
    const remove = screen.getByRole('button', { name: /Remove the feed/ }) as HTMLButtonElement;
    expect(remove.disabled).toBe(true);
    expect(remove.getAttribute('aria-describedby')).toBe('feeds-locked');
    expect(screen.getByText(/Your organisation manages the feeds/)).toBeTruthy();
    expect((screen.getByLabelText(/Feed address/) as HTMLInputElement).closest('fieldset')!.disabled).toBe(true);
    expect(screen.getByText('Locked: Feeds')).toBeTruthy();
    expect(screen.getByText('Update interval: 60 minutes')).toBeTruthy();
  });

  it('restores a dismissed site, then undoes it', async () => {
    const dismissed = { 'investhk.gov.hk.secure-pay.top': { investhk: '2026-11-29T09:00:00Z' } };
    const { actions, settings } = setup({ dismissed });
    expect(screen.getByText(/Invest Hong Kong \(/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show warnings again on investhk.gov.hk.secure-pay.top' }));
    const undo = await screen.findByRole('button', { name: 'Undo' });
    expect(settings().dismissed).toEqual({});
    await waitFor(() => expect(document.activeElement).toBe(undo));
    fireEvent.click(undo);
    await screen.findByText('Undone.');
    expect(settings().dismissed).toEqual(dismissed);
    expect(actions.updateSettings).toHaveBeenCalledTimes(2);
  });

  it('adds to and removes from the allowlist with undo, rejecting non-hosts', async () => {
    const { settings } = setup({ allowlist: ['forum.example.net'] });
    fireEvent.input(screen.getByLabelText('Website address to allow'), { target: { value: 'not a host' } });
    fireEvent.submit(screen.getByLabelText('Website address to allow').closest('form')!);
    expect(screen.getByText(/Enter a website address/)).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Website address to allow'), { target: { value: 'https://News.Example.com/a' } });
    fireEvent.submit(screen.getByLabelText('Website address to allow').closest('form')!);
    await screen.findByText('Added news.example.com.');
    expect(settings().allowlist).toEqual(['forum.example.net', 'news.example.com']);
    fireEvent.click(screen.getByRole('button', { name: 'Remove forum.example.net from the allowlist' }));
    await screen.findByText('Removed forum.example.net.');
    expect(settings().allowlist).toEqual(['news.example.com']);
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByText('Undone.');
    expect(settings().allowlist).toEqual(['forum.example.net', 'news.example.com']);
  });

  it('refuses a public suffix or a wildcard in the allowlist, saying why', async () => {
    const { settings } = setup();
    for (const [input, words] of [
      ['com', /com is a public suffix/],
      ['gov.hk', /gov.hk is a public suffix/],
      ['github.io', /github.io is a public suffix/],
      ['*', /Enter a website address/],
    ] as const) {
      fireEvent.input(screen.getByLabelText('Website address to allow'), { target: { value: input } });
      fireEvent.submit(screen.getByLabelText('Website address to allow').closest('form')!);
      expect(screen.getByText(words)).toBeTruthy();
    }
    expect(settings().allowlist).toEqual([]);
  });

  it('shows the allowlist and "Continue anyway" as locked when policy takes them away', () => {
    setup(
      { allowlist: ['forum.example.net'] },
      {
        ...NO_POLICY,
        set: ['allowDismiss', 'allowContinueAnyway'],
        locked: ['dismissed', 'allowlist', 'continueAnyway'],
        allowDismiss: false,
        allowUserAllowlist: false,
        allowContinueAnyway: false,
      },
    );
    expect((screen.getByLabelText('Website address to allow') as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Remove forum.example.net from the allowlist' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/do not silence warnings/)).toBeTruthy();
    expect(screen.getByText('Locked: Allowlist')).toBeTruthy();
    expect(screen.getByText('Locked: “Continue anyway” on the warning page')).toBeTruthy();
    expect(screen.getByText(/“Continue anyway” on the warning page: not allowed/)).toBeTruthy();
  });

  it('switches the page language', async () => {
    const { settings } = setup();
    fireEvent.click(screen.getByRole('radio', { name: '繁體中文' }));
    await screen.findByRole('heading', { name: '機構冒認騙案警示設定' });
    expect(settings().language).toBe('zh-Hant');
    await waitFor(() => expect(document.documentElement.lang).toBe('zh-HK'));
  });
});

describe('hostFromInput', () => {
  it.each([
    ['example.com', 'example.com'],
    ['https://Sub.Example.com/x?y', 'sub.example.com'],
    ['localhost', null],
    ['', null],
    ['a b', null],
  ])('%s → %s', (input, host) => expect(hostFromInput(input)).toBe(host));
});
