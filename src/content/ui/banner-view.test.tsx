// @vitest-environment jsdom
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import type { BannerModel } from '../../shared/ui/banner-model';
import { BannerView, safeHref } from './banner-view';

const noop = () => undefined;
const model: BannerModel = {
  severity: 'danger',
  lang: 'en',
  agency: 'investhk',
  title: 'Warning <b>bold</b>',
  promise: '<img src=x onerror="window.pwned=1">',
  reasons: ['<script>x</script>'],
  whatToDo: 'What to do instead:',
  actions: [
    { label: 'Call', href: 'tel:31071000' },
    { label: 'Evil', href: 'javascript:alert(1)' },
    { label: 'Site', href: 'https://www.investhk.gov.hk/' },
  ],
  dismissLabel: 'Dismiss this warning',
  dismissText: 'Dismiss',
  detailsText: 'Details',
  lessText: 'Less',
  dismissible: true,
  source: 'Agency Scam Alert',
  provenance: 'From a feed you added: <i>Helpful</i> (helpful)',
  listedBy: '',
  fakePhones: [],
  report: null,
};

describe('BannerView', () => {
  it('renders feed strings as text, never as HTML', () => {
    const root = document.createElement('div');
    render(<BannerView model={model} linkCount={null} expanded={false} onToggle={noop} onDismiss={noop} />, root);
    expect(root.querySelector('img, script, b, i')).toBeNull();
    expect(root.querySelector('.provenance')!.textContent).toBe('From a feed you added: <i>Helpful</i> (helpful)');
    expect(root.textContent).toContain('<img src=x onerror="window.pwned=1">');
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
  });

  it('is an alert for danger with a named dismiss button, and drops non-tel/mailto/http links', () => {
    const root = document.createElement('div');
    let dismissed = 0;
    render(<BannerView model={model} linkCount="2 dangerous link(s)" expanded onToggle={noop} onDismiss={() => dismissed++} />, root);
    const section = root.querySelector('section')!;
    expect(section.getAttribute('role')).toBe('alert');
    // The compact bar's hotline, then every action in the details.
    const links = [...root.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['tel:31071000', 'tel:31071000', null, 'https://www.investhk.gov.hk/']);
    expect(links[3]!.getAttribute('rel')).toBe('noopener noreferrer');
    expect(root.textContent).toContain('2 dangerous link(s)');
    const button = root.querySelector<HTMLButtonElement>('button.dismiss')!;
    expect(button.getAttribute('aria-label')).toBe('Dismiss this warning');
    button.click();
    section.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(dismissed).toBe(2);
  });

  it('is compact until "Details": the bar and the promise, the rest hidden, the toggle says its state', () => {
    const root = document.createElement('div');
    let toggled = 0;
    const draw = (expanded: boolean) =>
      render(<BannerView model={model} linkCount={null} expanded={expanded} onToggle={() => toggled++} onDismiss={noop} />, root);
    draw(false);
    const details = root.querySelector<HTMLElement>('.details')!;
    const more = root.querySelector<HTMLButtonElement>('button.more')!;
    expect(details.hidden).toBe(true);
    expect(more.getAttribute('aria-expanded')).toBe('false');
    expect(more.textContent).toBe('Details');
    expect(root.querySelector('.bar .hotline')!.getAttribute('href')).toBe('tel:31071000');
    expect(root.querySelector('.promise')!.textContent).toBe(model.promise);
    more.click();
    expect(toggled).toBe(1);
    draw(true);
    expect(details.hidden).toBe(false);
    expect(more.getAttribute('aria-expanded')).toBe('true');
    expect(more.textContent).toBe('Less');
  });

  it('says fake numbers next to the hotline in the bar, and offers the prepared report in the details only as a link', () => {
    const root = document.createElement('div');
    const report = { label: 'Report a false alarm', href: 'mailto:r@cert.example?subject=x', hint: 'Nothing is sent until you send it.' };
    const draw = (m: BannerModel) => render(<BannerView model={m} linkCount={null} expanded onToggle={noop} onDismiss={noop} />, root);
    draw({ ...model, fakePhones: ['3107 1080 on this page is not a number of Invest Hong Kong'], report });
    expect(root.querySelector('.bar .fake-phone')!.textContent).toBe('3107 1080 on this page is not a number of Invest Hong Kong');
    const link = root.querySelector<HTMLAnchorElement>('.details a.report-link')!;
    expect(link.getAttribute('href')).toBe(report.href);
    expect(link.textContent).toBe('Report a false alarm');
    expect(root.querySelector('.details .report .hint')!.textContent).toBe(report.hint);
    // A report address that is not mailto: or https: is never a link.
    draw({ ...model, report: { ...report, href: 'javascript:alert(1)' } });
    expect(root.querySelector('a.report-link')).toBeNull();
  });

  it('is a status, not an alert, for caution', () => {
    const root = document.createElement('div');
    render(
      <BannerView model={{ ...model, severity: 'caution' }} linkCount={null} expanded={false} onToggle={noop} onDismiss={noop} />,
      root,
    );
    expect(root.querySelector('section')!.getAttribute('role')).toBe('status');
  });

  it('has no dismiss control, and ignores Escape, when policy forbids dismissing', () => {
    const root = document.createElement('div');
    let dismissed = 0;
    render(
      <BannerView
        model={{ ...model, dismissible: false }}
        linkCount={null}
        expanded={false}
        onToggle={noop}
        onDismiss={() => dismissed++}
      />,
      root,
    );
    expect(root.querySelector('button.dismiss')).toBeNull();
    root.querySelector('section')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(dismissed).toBe(0);
  });
});

describe('safeHref', () => {
  it('allows tel:, mailto: and http(s): only', () => {
    expect(safeHref('tel:18222')).toBe('tel:18222');
    expect(safeHref('mailto:enq@investhk.gov.hk')).toBe('mailto:enq@investhk.gov.hk');
    expect(safeHref('https://x.example/')).toBe('https://x.example/');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,x')).toBeUndefined();
  });
});
