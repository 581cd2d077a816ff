// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { TextFinding } from '../../shared/messaging/protocol';
import { TextMarks } from './text-marks';

const controllers: AbortController[] = [];
afterEach(() => {
  controllers.splice(0).forEach((c) => c.abort());
  document.body.replaceChildren();
});

const verdict = { url: 'https://x.top/', verdict: 'lookalike', severity: 'danger', agency: 'investhk', reasons: [] } as const;
const finding = (kind: TextFinding['kind'], text: string, note?: string): TextFinding => ({
  kind,
  text,
  verdict: { ...verdict, reasons: [] },
  title: `title of ${text}`,
  detail: 'detail',
  ...(note ? { note } : {}),
});
const strings = { address: 'Scam address', phone: "Not the agency's number" };

function marks(): TextMarks {
  const controller = new AbortController();
  controllers.push(controller);
  return new TextMarks(controller.signal);
}
const hosts = () => [...document.body.querySelectorAll('*')].filter((e) => /^asa-[a-z0-9]+-mark$/.test(e.localName));

describe('TextMarks', () => {
  it('puts a marker after the text node that ends each occurrence, without changing the text', () => {
    document.body.innerHTML = '<p id="a">Verify at <b>invest-hk.gov.hk</b>.secure-update.top today</p><p id="b">Call 3107 1080 now</p>';
    const before = document.body.textContent;
    const n = marks().mark(
      [finding('url', 'invest-hk.gov.hk.secure-update.top'), finding('phone', '3107 1080', 'Genuine: 3107 1000')],
      strings,
    );
    expect(n).toBe(2);
    expect(document.body.textContent).toBe(before);
    const [first, second] = hosts();
    // Across two text nodes: the marker follows the one that ends the address.
    expect(first!.previousSibling?.textContent).toBe('.secure-update.top today');
    expect(second!.previousSibling?.textContent).toBe('Call 3107 1080 now');
    expect(second!.closest('p')?.id).toBe('b');
  });

  it('marks an occurrence once, and leaves text inside links, scripts and text areas to others', () => {
    document.body.innerHTML =
      '<p>Call 3107 1080</p><a href="tel:31071080">3107 1080</a><textarea>3107 1080</textarea><script>"3107 1080"</script>';
    const m = marks();
    expect(m.mark([finding('phone', '3107 1080')], strings)).toBe(1);
    expect(m.mark([finding('phone', '3107 1080')], strings)).toBe(0);
    expect(hosts()).toHaveLength(1);
  });

  it('removes its markers when the page is judged again', () => {
    document.body.innerHTML = '<p>Call 3107 1080</p>';
    const controller = new AbortController();
    new TextMarks(controller.signal).mark([finding('phone', '3107 1080')], strings);
    expect(hosts()).toHaveLength(1);
    controller.abort();
    expect(hosts()).toHaveLength(0);
    expect(document.body.innerHTML).toBe('<p>Call 3107 1080</p>');
  });
});
