// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileLinkPrefilter, type LinkPrefilter } from '../shared/match/link-prefilter';
import { createMatcher } from '../shared/match/matcher';
import { defaultFeed } from '../shared/match/testing/test-feed';
import type { LinkSample } from '../shared/messaging/protocol';
import { LinkScanner, SEND_INTERVAL_MS } from './link-scanner';

/** Sends are spaced by SEND_INTERVAL_MS: give asynchronous expectations time on a busy machine. */
const PATIENT = { timeout: 5000 };
/** A prefilter that lets every link through (the tests below that are not about it). */
const everything = () => compileLinkPrefilter({ hostAnchors: '(?:)', wrapperHosts: '', wrapperRoutes: '' });

const controllers: AbortController[] = [];
afterEach(() => {
  controllers.splice(0).forEach((c) => c.abort());
  document.body.replaceChildren();
});

function scanner(checkSameHost = false, prefilter: LinkPrefilter = everything(), settled: string[] = []) {
  const seen: LinkSample[] = [];
  const sentAt: number[] = [];
  const elements: Element[] = [];
  const controller = new AbortController();
  controllers.push(controller);
  const texts: string[] = [];
  const s = new LinkScanner({
    signal: controller.signal,
    checkSameHost,
    prefilter,
    check: async (els, samples) => {
      sentAt.push(performance.now());
      elements.push(...els);
      seen.push(...samples);
      return settled;
    },
    onAddedText: (text) => texts.push(text),
  });
  return { s, seen, elements, texts, sentAt };
}

/** Lets the scanner's idle slices and mutation callbacks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('LinkScanner', () => {
  it("sends the text around a tel: link (does it present the number as an agency's?), and none for other links", async () => {
    document.body.innerHTML = `
      <div><p>Questions about your record? Call the Invest Hong Kong hotline: <a id="t" href="tel:+85231071080">3107 1080</a></p></div>
      <p><a href="https://one.example/a">one</a></p>`;
    const { s, seen } = scanner();
    s.start(document);
    await settle();
    const tel = seen.find((x) => x.href.startsWith('tel:'))!;
    expect(tel.context).toBe('Questions about your record? Call the Invest Hong Kong hotline: 3107 1080');
    expect(seen.find((x) => x.href.startsWith('https:'))!.context).toBeUndefined();
  });

  it('finds HTML links, SVG links with xlink:href, and links inside open shadow roots', async () => {
    document.body.innerHTML = `
      <p><a href="https://one.example/a">one</a></p>
      <svg><a xlink:href="https://investhk-verify.example/claim"><text>investhk.gov.hk</text></a></svg>`;
    // jsdom's innerHTML does not namespace xlink:href; set it the way an SVG document has it.
    const svgLink = document.querySelector('svg a')!;
    svgLink.removeAttribute('xlink:href');
    svgLink.setAttributeNS('http://www.w3.org/1999/xlink', 'xlink:href', 'https://investhk-verify.example/claim');
    const host = document.createElement('x-card');
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<a href="https://investhk-verify.example/claim">Invest Hong Kong grant</a>';
    document.body.append(host);
    const { s, seen } = scanner();
    s.start(document);
    await vi.waitFor(() => expect(seen).toHaveLength(3), PATIENT);
    expect(seen.map((l) => l.href)).toEqual([
      'https://one.example/a',
      'https://investhk-verify.example/claim',
      'https://investhk-verify.example/claim',
    ]);
    expect(seen[1]!.text).toBe('investhk.gov.hk');
    expect(seen[2]!.text).toBe('Invest Hong Kong grant');
  });

  it('checks only what a mutation adds, and re-checks a link whose href changes', async () => {
    document.body.innerHTML = '<a href="https://old.example/">old</a>';
    const { s, seen, texts } = scanner();
    s.start(document);
    await vi.waitFor(() => expect(seen).toHaveLength(1), PATIENT);
    const message = document.createElement('article');
    message.innerHTML = '<p>InvestHK notice</p><a href="https://investhk-payment.com/">pay</a>';
    document.body.append(message);
    await vi.waitFor(() => expect(seen).toHaveLength(2), PATIENT);
    expect(seen.map((l) => l.href)).toEqual(['https://old.example/', 'https://investhk-payment.com/']);
    expect(texts.join(' ')).toContain('InvestHK notice');
    const first = document.querySelector('a')!;
    expect(s.judgedHref(first)).toBe('https://old.example/');
    first.setAttribute('href', 'https://swapped.example/');
    await vi.waitFor(() => expect(seen).toHaveLength(3), PATIENT);
    expect(seen.map((l) => l.href)).toEqual(['https://old.example/', 'https://investhk-payment.com/', 'https://swapped.example/']);
    await vi.waitFor(() => expect(s.judgedHref(first)).toBe('https://swapped.example/'), PATIENT);
  });

  it('skips same-host links unless their text shows a domain or the host has path-level entries', async () => {
    const here = location.origin; // jsdom: http://localhost:3000
    document.body.innerHTML = `<a href="${here}/next">Next page</a><a href="${here}/x">www.investhk.gov.hk</a><a href="#top">top</a>`;
    const plain = scanner();
    plain.s.start(document);
    await vi.waitFor(() => expect(plain.seen).toHaveLength(1), PATIENT);
    await settle();
    expect(plain.seen.map((l) => l.text)).toEqual(['www.investhk.gov.hk']);
    const strict = scanner(true);
    strict.s.start(document);
    await vi.waitFor(() => expect(strict.seen).toHaveLength(2), PATIENT);
    expect(strict.seen.map((l) => l.text)).toEqual(['Next page', 'www.investhk.gov.hk']);
  });

  it('judges every link again when a <base href> is added: relative links now go elsewhere', async () => {
    document.body.innerHTML = '<a href="claim">Claim</a>';
    const { s, seen } = scanner();
    s.start(document);
    await vi.waitFor(() => expect(s.judgedHref(document.querySelector('a')!)).toBe(`${location.origin}/claim`), PATIENT);
    expect(seen).toHaveLength(0); // same host: shares the page's verdict
    const base = document.createElement('base');
    base.href = 'https://investhk-payment.com/';
    document.head.append(base);
    await vi.waitFor(() => expect(seen.map((l) => l.href)).toEqual(['https://investhk-payment.com/claim']), PATIENT);
    base.remove();
  });

  it('finds <area> links of an image map by the address they open', async () => {
    document.body.innerHTML =
      '<map name="m"><area shape="rect" coords="0,0,10,10" href="https://investhk-payment.com/pay" alt="www.investhk.gov.hk"></map>';
    const { s, seen } = scanner();
    s.start(document);
    await vi.waitFor(() => expect(seen.map((l) => l.href)).toEqual(['https://investhk-payment.com/pay']), PATIENT);
  });

  it("keeps links the feed's prefilter rules out in the page, judged there, and sends the rest", async () => {
    const prefilter = compileLinkPrefilter(createMatcher(defaultFeed()).linkPrefilter());
    document.body.innerHTML = `
      <a href="https://www.bbc.co.uk/news">News</a>
      <a href="https://github.com/">Code</a>
      <a href="https://investhk-payment.com/claim">Claim</a>
      <a href="https://pay.example.net/">www.investhk.gov.hk</a>
      <a href="mailto:help@example.org">Write</a>`;
    const { s, seen } = scanner(false, prefilter);
    s.start(document);
    await vi.waitFor(() => expect(seen).toHaveLength(3), PATIENT);
    await settle();
    expect(seen.map((l) => l.href)).toEqual(['https://investhk-payment.com/claim', 'https://pay.example.net/', 'mailto:help@example.org']);
    // Ruled out links count as judged: the click guard lets them open without asking again.
    expect(s.judgedHref(document.querySelector('a')!)).toBe('https://www.bbc.co.uk/news');
  });

  it('sends at most one links-check per window to a page that keeps adding links', async () => {
    const { s, seen, sentAt } = scanner();
    s.start(document);
    for (let round = 0; round < 8; round++) {
      const list = document.createElement('ul');
      for (let i = 0; i < 5; i++) list.insertAdjacentHTML('beforeend', `<li><a href="https://r${round}-${i}.example/">x</a></li>`);
      document.body.append(list);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    await vi.waitFor(() => expect(seen).toHaveLength(40), { timeout: 3000 });
    expect(sentAt.length).toBeLessThan(8);
    // Timers never fire early by more than the clock's rounding.
    for (let i = 1; i < sentAt.length; i++) expect(sentAt[i]! - sentAt[i - 1]!).toBeGreaterThanOrEqual(SEND_INTERVAL_MS - 2);
  });

  it('stops sending links to a host once the background settled it', async () => {
    const prefilter = compileLinkPrefilter(createMatcher(defaultFeed()).linkPrefilter());
    document.body.innerHTML = '<a href="https://www.rthk.hk/news/1">Story</a>';
    const { s, seen } = scanner(false, prefilter, ['www.rthk.hk']);
    s.start(document);
    await vi.waitFor(() => expect(seen).toHaveLength(1), PATIENT);
    document.body.insertAdjacentHTML(
      'beforeend',
      '<a href="https://www.rthk.hk/news/2">Story 2</a><a href="https://investhk-pay.top/">Pay</a>',
    );
    await vi.waitFor(() => expect(seen).toHaveLength(2), PATIENT);
    await settle();
    expect(seen.map((l) => l.href)).toEqual(['https://www.rthk.hk/news/1', 'https://investhk-pay.top/']);
    expect(s.judgedHref(document.querySelectorAll('a')[1]!)).toBe('https://www.rthk.hk/news/2');
  });
});
