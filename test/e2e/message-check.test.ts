/**
 * The popup's "Check a message" in a real browser: a realistic English SMS and a
 * Traditional Chinese one are pasted, and every address, number and sender is listed with
 * its verdict, readable in the popup's viewport; the genuine number stands beside the fake
 * one. Then, with a report address set by managed policy, the prepared report is a link to
 * the publisher's form, and the fixture server sees no request: nothing is sent by itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_LABEL, launchBrowser } from '../support/browser';
import { holdsFor, pollFor, type BrowserDriver, type TestPage } from '../support/driver';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { DEMO_SITE } from '../support/paths';
import { openPopup, setLanguage } from '../support/ui-pages';

const EN_SMS =
  'InvestHK: your client record expires today. Verify at invest-hk.gov.hk.secure-update.top and pay the HK$38 fee. Questions? Call 3107 1080';
const HANT_SMS =
  '【投資推廣署】閣下的客戶紀錄今日到期，請於 hxxps://investhk-gov[.]top/verify 核實並繳付港幣38元手續費。查詢請致電 ３１０７ １０８０。';
const REPORT_HOST = 'reports.cert-example.hk';
const isRoot = process.getuid?.() === 0;

/** The findings as the person sees them: kind, severity, text; and whether each is in view and on top once scrolled to. */
const FINDINGS = `[...document.querySelectorAll('.findings li')].map((li) => {
  li.scrollIntoView({ block: 'center' });
  const r = li.getBoundingClientRect();
  const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
  return { kind: li.dataset.kind, severity: li.dataset.severity, text: li.textContent, visible: r.top >= 0 && r.bottom <= innerHeight && r.width > 0 && !!top && li.contains(top) };
})`;

interface Row {
  kind: string;
  severity: string;
  text: string;
  visible: boolean;
}

async function checkMessage(page: TestPage, message: string, sender = ''): Promise<Row[]> {
  await page.fill('#msg-text', message);
  if (sender) await page.fill('#msg-sender', sender);
  await page.click('button.check-message');
  return pollFor(
    () => page.evaluate<Row[]>(FINDINGS),
    (rows) => rows.length > 0,
  );
}

describe(`message check in the popup (${BROWSER_LABEL})`, () => {
  let server: FixtureServer;
  let driver: BrowserDriver;

  beforeAll(async () => {
    server = await startFixtureServer(DEMO_SITE);
    driver = await launchBrowser({ port: server.port });
  });
  afterAll(async () => {
    await driver?.close();
    await server?.close();
  });

  it('an English SMS: the lookalike host, the agency and the fake number with the genuine one', async () => {
    const page = await openPopup(driver);
    const rows = await checkMessage(page, EN_SMS);
    expect(rows.map((r) => [r.kind, r.severity])).toEqual([
      ['mention', 'caution'], // "…and pay the HK$38 fee" asks the reader
      ['url', 'danger'],
      ['phone', 'caution'],
    ]);
    expect(rows[2]!.text).toContain('3107 1080');
    expect(rows[2]!.text).toContain('Its genuine hotline: 3107 1000');
    expect(rows.every((r) => r.visible)).toBe(true);
    expect(await page.text('.message-result section.verdict .verdict-title')).toMatch(/Invest Hong Kong/);
    expect(await page.attribute('.message-result section.verdict', 'data-severity')).toBe('danger');
    expect(await page.count('.message-result a[href="tel:31071000"]')).toBeGreaterThan(0);
    await page.close();
  });

  it('a Traditional Chinese SMS, in Traditional Chinese: signature, disguised address, fullwidth number', async () => {
    const setup = await openPopup(driver);
    await setLanguage(setup, 'zh-Hant');
    await setup.close();
    const page = await openPopup(driver);
    expect(
      await pollFor(
        () => page.attribute('html', 'lang'),
        (l) => l === 'zh-HK',
      ),
    ).toBe('zh-HK');
    const rows = await checkMessage(page, HANT_SMS);
    expect(rows.map((r) => [r.kind, r.severity])).toEqual([
      ['sender', 'info'],
      ['url', 'danger'],
      ['phone', 'caution'],
    ]);
    expect(rows[1]!.text).toContain('hxxps://investhk-gov[.]top/verify');
    expect(rows[1]!.text).toContain('冒認投資推廣署');
    expect(rows[2]!.text).toContain('真正熱線：3107 1000');
    expect(rows.every((r) => r.visible)).toBe(true);
    await setLanguage(page, 'browser');
    await page.close();
  });
});

describe.skipIf(!isRoot)(`report a mistake from a checked message (${BROWSER_LABEL}, managed policy)`, () => {
  let server: FixtureServer;
  let driver: BrowserDriver;

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

  it("prepares the report as a link to the policy's form and sends nothing by itself", async () => {
    const page = await openPopup(driver);
    await checkMessage(page, EN_SMS);
    const href = await pollFor(
      () => page.attribute('a.report-link', 'href'),
      (h) => h !== null,
    );
    const url = new URL(href!);
    expect(url.host).toBe(REPORT_HOST);
    expect(url.searchParams.get('verdict')).toBe('lookalike');
    expect(url.searchParams.get('url')).toBe('https://invest-hk.gov.hk.secure-update.top');
    expect(url.searchParams.get('feed')).toMatch(/^hk-default #1 \(/);
    expect(url.searchParams.get('message')).toBe(EN_SMS);
    expect(await page.text('a.report-link')).toBe('Report a false alarm');
    // Nothing went to the report host: not on checking, not while the popup stays open.
    const sent = await holdsFor(
      async () => server.log.filter((e) => e.host.startsWith(REPORT_HOST)).length,
      (n) => n === 0,
      1500,
    );
    expect(sent).toBe(0);
    await page.close();
  });
});
