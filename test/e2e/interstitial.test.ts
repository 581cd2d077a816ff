/**
 * The interstitial: a navigation the active feed blocks never reaches the server and shows
 * the extension's page instead; "Go back" is the main action; "Continue anyway" needs a
 * confirmation and opens only that host, in that tab; a frame that embeds the blocked page
 * is covered too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_LABEL, launchBrowser } from '../support/browser';
import { pollFor, type BrowserDriver, type TestPage } from '../support/driver';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { DEMO_SITE } from '../support/paths';

const SCAM_HOST = 'investhk.gov.hk.secure-pay.top';
const INTERSTITIAL = '/src/interstitial/index.html';

describe(`interstitial (${BROWSER_LABEL})`, () => {
  let server: FixtureServer;
  let driver: BrowserDriver;
  const scamRequests = () => server.log.filter((r) => r.host === SCAM_HOST).length;

  beforeAll(async () => {
    server = await startFixtureServer(DEMO_SITE);
    driver = await launchBrowser({ port: server.port });
  });
  afterAll(async () => {
    await driver?.close();
    await server?.close();
  });

  async function interstitialText(page: TestPage): Promise<string> {
    return pollFor(
      () => page.evaluate<string>(`document.querySelector('#title') ? document.body.innerText : ''`),
      (t) => !!t,
    );
  }

  it('stops a strong lookalike before any request and shows the agency, its promise, hotline, website and 18222', async () => {
    const page = await driver.newPage();
    await page.goto(driver.url('news.example.com'));
    const before = scamRequests();
    await page.goto(driver.url(SCAM_HOST, '/pay?ref=HK88231'));
    const url = await pollFor(
      () => page.url(),
      (u) => u.includes(INTERSTITIAL),
    );
    expect(url.startsWith(`${driver.extensionOrigin}${INTERSTITIAL}#`)).toBe(true);
    expect(url).toContain(`${SCAM_HOST}`);
    const text = await interstitialText(page);
    expect(text).toContain('pretends to be Invest Hong Kong');
    expect(text).toContain('never sends links');
    const hrefs = await page.evaluate<string[]>(`[...document.querySelectorAll('#actions a')].map((a) => a.getAttribute('href'))`);
    expect(hrefs).toEqual(expect.arrayContaining(['tel:31071000', 'tel:18222', 'https://www.investhk.gov.hk/']));
    // "Go back" is focused once the page has rendered.
    expect(
      await pollFor(
        () => page.evaluate<string>(`document.activeElement?.id ?? ''`),
        (id) => id === 'go-back',
        5_000,
      ),
    ).toBe('go-back');
    expect(scamRequests()).toBe(before);
    // "Go back" returns to the page before.
    await page.click('#go-back');
    await pollFor(
      () => page.url(),
      (u) => u.includes('news.example.com'),
    );
    expect(await page.url()).toContain('news.example.com');
    expect(scamRequests()).toBe(before);
    await page.close();
  });

  it('continues only after a confirmation, only for that host and only in that tab', async () => {
    const page = await driver.newPage();
    await page.goto(driver.url(SCAM_HOST, '/pay'));
    await interstitialText(page);
    const before = scamRequests();
    await page.click('#continue');
    const confirm = await pollFor(
      () => page.evaluate<string>(`document.querySelector('#confirm')?.innerText ?? ''`),
      (t) => !!t,
    );
    expect(confirm).toContain(`Open ${SCAM_HOST} anyway?`);
    // The safe choice has the focus; nothing was requested yet.
    expect(
      await pollFor(
        () => page.evaluate<string>(`document.activeElement?.id ?? ''`),
        (id) => id === 'confirm-no',
        5_000,
      ),
    ).toBe('confirm-no');
    expect(scamRequests()).toBe(before);
    await page.click('#confirm-yes');
    const url = await pollFor(
      () => page.url(),
      (u) => u.includes(SCAM_HOST) && !u.includes(INTERSTITIAL),
    );
    expect(url).toContain(`${SCAM_HOST}`);
    expect(url).not.toContain(INTERSTITIAL);
    expect(scamRequests()).toBeGreaterThan(before);

    // Another tab is still protected. Count only requests for what the other tab opens
    // ('/'): the first tab may still be fetching its own subresources (favicon…).
    const rootRequests = () => server.log.filter((r) => r.host === SCAM_HOST && r.path === '/').length;
    const other = await driver.newPage();
    const again = rootRequests();
    await other.goto(driver.url(SCAM_HOST, '/'));
    expect(
      await pollFor(
        () => other.url(),
        (u) => u.includes(INTERSTITIAL),
      ),
    ).toContain(INTERSTITIAL);
    expect(rootRequests()).toBe(again);
    await other.close();
    await page.close();
  });

  it('covers a frame that embeds the blocked page', async () => {
    const page = await driver.newPage();
    const before = scamRequests();
    await page.goto(driver.url('blog.example.org', '/embed.html'));
    const frames = await pollFor(
      () => page.frameUrls(),
      (urls) => urls.some((u) => u.includes(INTERSTITIAL)),
    );
    expect(frames.some((u) => u.startsWith(`${driver.extensionOrigin}${INTERSTITIAL}`))).toBe(true);
    const text = await pollFor(
      () => page.evaluate<string>(`document.querySelector('#title')?.textContent ?? ''`, INTERSTITIAL),
      (t) => !!t,
    );
    expect(text).toContain('Invest Hong Kong');
    // In a frame there is nothing to go back to; the page around it is not the scam.
    expect(await page.evaluate<boolean>(`!!document.querySelector('#go-back')`, INTERSTITIAL)).toBe(false);
    expect(scamRequests()).toBe(before);
    await page.close();
  });
});
