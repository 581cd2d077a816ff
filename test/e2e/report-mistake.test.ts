/**
 * "Report a mistake" from a warning (issue 14): with a report address set by managed policy
 * (`reportAddress`), the in-page banner (its details) and the warning page (interstitial)
 * each offer "Report a false alarm" as a link with the report prepared (address warned
 * about, verdict, feed id and sequence), readable on screen. Nothing is sent by the extension:
 * the fixture server sees no request to the report host while both are shown.
 * The popup's and a checked message's report link: message-check.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_LABEL, launchBrowser } from '../support/browser';
import { holdsFor, pollFor, type BrowserDriver, type TestPage } from '../support/driver';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { DEMO_SITE } from '../support/paths';

const REPORT_HOST = 'reports.cert-example.hk';
const WEBMAIL = 'webmail.example-mail.com';
const SCAM_HOST = 'investhk.gov.hk.secure-pay.top';
const INTERSTITIAL = '/src/interstitial/index.html';

let server: FixtureServer;
let driver: BrowserDriver;
const reportRequests = () => server.log.filter((e) => e.host.startsWith(REPORT_HOST));

beforeAll(async () => {
  server = await startFixtureServer(DEMO_SITE);
  driver = await launchBrowser({
    port: server.port,
    extraHosts: [REPORT_HOST],
    managedPolicy: { reportAddress: `https://${REPORT_HOST}/report` },
  });
});
afterAll(async () => {
  await driver?.close();
  await server?.close();
});

/** The report link's parameters, checked as the publisher's form would read them. */
function expectPrepared(href: string, verdict: string | RegExp, url: RegExp): void {
  const report = new URL(href);
  expect(report.host).toBe(REPORT_HOST);
  expect(report.pathname).toBe('/report');
  expect(report.searchParams.get('kind')).toBe('false-alarm');
  if (typeof verdict === 'string') expect(report.searchParams.get('verdict')).toBe(verdict);
  else expect(report.searchParams.get('verdict')).toMatch(verdict);
  expect(report.searchParams.get('url')).toMatch(url);
  expect(report.searchParams.get('feed')).toMatch(/^hk-default #\d+ \(/);
}

describe(`report a mistake from a warning (${BROWSER_LABEL}, managed policy)`, () => {
  it("offers the prepared report in the banner's details, readable on screen, and sends nothing", async () => {
    const page: TestPage = await driver.newPage();
    await page.goto(driver.url(WEBMAIL, '/message.html'));
    await pollFor(
      () => page.readBanner(),
      (b) => !!b?.visible,
      15_000,
    );
    await page.clickInOverlay('banner', 'button.more');
    const link = await pollFor(
      () =>
        page.callInOverlay<{ href: string; text: string; top: number; bottom: number; vh: number } | null>(
          'banner',
          `function () {
            const a = this.querySelector('a.report-link');
            if (!a || a.closest('[hidden]')) return null;
            const r = a.getBoundingClientRect();
            return { href: a.getAttribute('href'), text: a.textContent, top: r.top, bottom: r.bottom, vh: innerHeight };
          }`,
        ),
      (l) => l !== null,
    );
    expect(link?.text).toBe('Report a false alarm');
    expect(link!.top >= 0 && link!.bottom <= link!.vh && link!.bottom > link!.top).toBe(true);
    // The banner's verdict is the first dangerous finding answered: the From address, a typed address or the fake tel: link.
    expectPrepared(
      link!.href,
      /^(lookalike|deceptive-link)$/,
      /investhk-gov\.top|invest-hk\.gov\.hk\.secure-update\.top|^tel:\+85231071080$/,
    );
    const sent = await holdsFor(
      async () => reportRequests().length,
      (n) => n === 0,
      1500,
    );
    expect(sent).toBe(0);
    await page.close();
  });

  it('offers it on the warning page too, and sends nothing', async () => {
    const page = await driver.newPage();
    await page.goto(driver.url(SCAM_HOST, '/pay?ref=HK88231'));
    await pollFor(
      () => page.url(),
      (u) => u.includes(INTERSTITIAL),
    );
    const href = await pollFor(
      () => page.attribute('#report a.report-link', 'href'),
      (h) => h !== null,
    );
    expectPrepared(href!, 'lookalike', new RegExp(SCAM_HOST.replace(/\./g, '\\.')));
    expect(await page.text('#report a.report-link')).toBe('Report a false alarm');
    expect(
      await holdsFor(
        async () => reportRequests().length,
        (n) => n === 0,
        1500,
      ),
    ).toBe(0);
    // A person can read and reach it: inside the viewport once scrolled to.
    const box = await page.evaluate<{ top: number; bottom: number; vh: number }>(`(() => {
      const a = document.querySelector('#report a.report-link');
      a.scrollIntoView({ block: 'nearest' });
      const r = a.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, vh: innerHeight };
    })()`);
    expect(box.top >= 0 && box.bottom <= box.vh && box.bottom > box.top).toBe(true);
    await page.close();
  });
});
