import { describe, expect, it } from 'vitest';
import { DEFAULT_FEED } from '../shared/feed/default-feed';
import { createMatcher } from '../shared/match/matcher';
import { baseFor, isJsonLine, judgeInput, parseInputLine as parseWith, type CheckInput } from './check-input';
import { parseJsonLine } from './json-line';

const matcher = createMatcher(DEFAULT_FEED);
const parseInputLine = (line: string) => parseWith(line, parseJsonLine);

describe('parseInputLine', () => {
  it('reads a URL line as given (trimmed), and skips blank lines', () => {
    expect(parseInputLine('  https://a.example/x  ')).toEqual({ kind: 'url', url: 'https://a.example/x' });
    expect(parseInputLine('/relative?q=1')).toEqual({ kind: 'url', url: '/relative?q=1' });
    expect(parseInputLine('')).toBeNull();
    expect(parseInputLine(' \t ')).toBeNull();
  });

  it('reads the two JSON line shapes', () => {
    expect(parseInputLine('{"url":"https://a.example/"}')).toEqual({ kind: 'url', url: 'https://a.example/' });
    expect(parseInputLine('{"href":"/pay","text":"www.investhk.gov.hk","page":"https://mail.example/"}')).toEqual({
      kind: 'link',
      href: '/pay',
      text: 'www.investhk.gov.hk',
      page: 'https://mail.example/',
    });
    expect(parseInputLine(' {"href":"https://a.example/"} ')).toEqual({ kind: 'link', href: 'https://a.example/', text: '' });
  });

  it('tells JSON lines by their first non-blank character; a JSON line needs the JSON parser', () => {
    expect([' {"url":"x"}', '{', '\t{}'].map(isJsonLine)).toEqual([true, true, true]);
    expect(['https://a.example/{x}', '[{"url":"x"}]', ''].map(isJsonLine)).toEqual([false, false, false]);
    expect(parseWith('https://a.example/')).toEqual({ kind: 'url', url: 'https://a.example/' });
    expect(parseWith('{bad')).toEqual({ error: expect.stringMatching(/^bad JSON/) });
    expect(() => parseWith('{"url":"https://a.example/"}')).toThrow(/needs parseJson/);
  });

  it('gives an error for bad JSON and for JSON of the wrong shape', () => {
    expect(parseInputLine('{"url": "https://a.example/"')).toEqual({ error: expect.stringMatching(/^bad JSON: /) });
    expect(parseInputLine('{"url": 42}')).toEqual({ error: expect.stringMatching(/^"url": .*string/) });
    expect(parseInputLine('{"href": "https://a.example/", "text": ["x"]}')).toEqual({ error: expect.stringMatching(/^"text": /) });
    // A misspelt field is refused rather than silently ignored (a link judged without its text).
    expect(parseInputLine('{"href": "https://a.example/", "txt": "www.investhk.gov.hk"}')).toEqual({ error: 'unknown field "txt"' });
    expect(parseInputLine('{"url": "https://a.example/", "href": "https://b.example/"}')).toEqual({
      error: 'give "url" or "href", not both',
    });
    expect(parseInputLine('{}')).toEqual({ error: expect.stringMatching(/^expected \{"url"/) });
    expect(parseInputLine('{"__proto__": {"url": "x"}}')).toEqual({ error: expect.stringMatching(/^expected \{"url"/) });
  });
});

describe('--base and "page": hrefs resolve as a browser resolves them (WHATWG URL)', () => {
  const page = 'https://mail.example/inbox/message.html?id=7';
  // [href, base, the URL a browser goes to]
  const cases: Array<[string, string, string]> = [
    ['pay', page, 'https://mail.example/inbox/pay'],
    ['../pay?x=1', page, 'https://mail.example/pay?x=1'],
    ['/pay', page, 'https://mail.example/pay'],
    ['?id=8', page, 'https://mail.example/inbox/message.html?id=8'],
    ['#top', page, 'https://mail.example/inbox/message.html?id=7#top'],
    ['', page, page],
    // Scheme-relative: the base's scheme, another host.
    ['//investhk.gov.hk.secure-pay.top/claim', page, 'https://investhk.gov.hk.secure-pay.top/claim'],
    ['//www.investhk.gov.hk/', 'http://mail.example/', 'http://www.investhk.gov.hk/'],
    // Backslashes are slashes in http(s) URLs: these leave the page's host.
    ['/\\investhk.gov.hk.secure-pay.top/', page, 'https://investhk.gov.hk.secure-pay.top/'],
    ['\\\\investhk.gov.hk.secure-pay.top\\claim', page, 'https://investhk.gov.hk.secure-pay.top/claim'],
    // Same special scheme, no slashes: a relative path on the page's host (another scheme: a host).
    ['https:pay', page, 'https://mail.example/inbox/pay'],
    ['https:investhk.gov.hk.secure-pay.top', 'http://mail.example/', 'https://investhk.gov.hk.secure-pay.top/'],
    // Tabs and newlines inside a URL are removed by the parser.
    ['https://invest\thk.gov.\nhk/', page, 'https://investhk.gov.hk/'],
    // <base href>-like bases: a directory without its slash, another host than the page.
    ['pay', 'https://mail.example/inbox', 'https://mail.example/pay'],
    ['pay', 'https://cdn.example/assets/', 'https://cdn.example/assets/pay'],
    // Absolute hrefs ignore the base.
    ['https://www.investhk.gov.hk/en/', page, 'https://www.investhk.gov.hk/en/'],
  ];

  it.each(cases)('%j on %s goes to %s', (href, base, expected) => {
    expect(new URL(href, base).href).toBe(expected); // the WHATWG parser agrees with the table
    const browser = { ...matcher.matchUrl(expected), url: href };
    // A URL line with --base, and a link line with the base as its page: judged as the URL the browser goes to.
    expect(judgeInput(matcher, { kind: 'url', url: href }, { base })).toEqual(browser);
    expect(judgeInput(matcher, { kind: 'link', href, text: '', page: base }, {})).toEqual(browser);
  });

  it('the hostile cases are judged by where they go, not by how they start', () => {
    const judged = (href: string) => judgeInput(matcher, { kind: 'url', url: href }, { base: 'https://www.investhk.gov.hk/en/' });
    expect(judged('/en/contact')).toMatchObject({ verdict: 'official' });
    expect(judged('//investhk.gov.hk.secure-pay.top/')).toMatchObject({ verdict: 'lookalike', severity: 'danger' });
    expect(judged('/\\investhk.gov.hk.secure-pay.top/')).toMatchObject({ verdict: 'lookalike', severity: 'danger' });
  });

  it('a relative "page" resolves against --base, and "page" wins over --base', () => {
    const link = (page?: string): CheckInput => ({ kind: 'link', href: 'pay', text: '', ...(page === undefined ? {} : { page }) });
    expect(baseFor(link('/inbox/'), 'https://mail.example/a/b')).toBe('https://mail.example/inbox/');
    expect(baseFor(link('https://other.example/x/'), 'https://mail.example/')).toBe('https://other.example/x/');
    expect(baseFor(link(), 'https://mail.example/')).toBe('https://mail.example/');
    expect(baseFor({ kind: 'url', url: 'pay' }, 'https://mail.example/')).toBe('https://mail.example/');
    expect(baseFor(link('/inbox/'), undefined)).toEqual({ error: expect.stringMatching(/^"page": relative URL/) });
  });

  it('a link line judges its href with its text against its page', () => {
    const v = judgeInput(matcher, { kind: 'link', href: '//pay-portal.example/claim', text: 'www.investhk.gov.hk', page }, {});
    expect(v).toMatchObject({ url: '//pay-portal.example/claim', verdict: 'deceptive-link', agency: 'investhk' });
    const same = judgeInput(matcher, { kind: 'link', href: '/en/', text: 'www.investhk.gov.hk', page: 'https://www.investhk.gov.hk/' }, {});
    expect(same).toMatchObject({ verdict: 'official' });
  });

  it('--link-text and --page-text apply to URL inputs, resolved against --base', () => {
    const asLink = judgeInput(
      matcher,
      { kind: 'url', url: '/claim' },
      { base: 'https://pay-portal.example/', linkText: 'www.investhk.gov.hk' },
    );
    expect(asLink).toMatchObject({ url: '/claim', verdict: 'deceptive-link' });
    const asPage = judgeInput(
      matcher,
      { kind: 'url', url: '/verify' },
      { base: 'https://verify-portal.example/', pageText: '【投资推广署】请即登入更新资料' },
    );
    expect(asPage).toEqual({
      ...matcher.matchPage('https://verify-portal.example/verify', '【投资推广署】请即登入更新资料'),
      url: '/verify',
    });
    expect(asPage).toMatchObject({ verdict: 'mentions', severity: 'caution' });
  });
});

describe('inputs that cannot be judged', () => {
  it('a relative URL with no base says what to give', () => {
    expect(judgeInput(matcher, { kind: 'url', url: '/pay' }, {})).toEqual({ error: expect.stringMatching(/^relative URL: give --base/) });
    expect(judgeInput(matcher, { kind: 'link', href: 'pay', text: '' }, {})).toEqual({
      error: expect.stringMatching(/^"href": relative URL/),
    });
  });

  it('a string that is no URL even against a base is an error, not "unrelated"', () => {
    expect(judgeInput(matcher, { kind: 'url', url: 'https://exa mple.com/' }, {})).toEqual({ error: 'not a URL' });
    expect(judgeInput(matcher, { kind: 'url', url: 'http://[::1/' }, { base: 'https://a.example/' })).toEqual({
      error: 'not a URL, even against the base https://a.example/',
    });
    expect(judgeInput(matcher, { kind: 'link', href: 'https://', text: '', page: 'https://a.example/' }, {})).toEqual({
      error: expect.stringMatching(/^"href": not a URL/),
    });
  });

  it('non-web schemes are judged, not errors', () => {
    expect(judgeInput(matcher, { kind: 'url', url: 'javascript:alert(1)' }, {})).toMatchObject({ reasons: ['script-url:javascript'] });
    expect(judgeInput(matcher, { kind: 'url', url: 'tel:+85218222' }, {})).toMatchObject({ verdict: 'unrelated' });
    expect(judgeInput(matcher, { kind: 'url', url: 'mailto:help@investhk.gov.hk' }, {})).toMatchObject({ verdict: 'official' });
  });

  it('a link whose broken href shows an official domain is still a deceptive link', () => {
    const v = judgeInput(matcher, { kind: 'link', href: 'https://exa mple.com/', text: 'www.investhk.gov.hk' }, {});
    expect(v).toMatchObject({ verdict: 'deceptive-link', agency: 'investhk' });
  });
});
