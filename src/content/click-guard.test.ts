// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { areaContains, guardClicks, intentOf } from './click-guard';
import type { OpenIntent } from './content-ui';

const controllers: AbortController[] = [];
afterEach(() => {
  controllers.splice(0).forEach((c) => c.abort());
  document.body.replaceChildren();
});

/** Installs the guard (before any "page" listener, as at document_start) with recording callbacks. */
function setUp(options: { judged?: Map<Element, string>; marked?: Map<Element, string>; dangerous?: string[] } = {}) {
  const judged = options.judged ?? new Map<Element, string>();
  const marked = options.marked ?? new Map<Element, string>();
  const confirmed: Array<{ element: Element; intent: OpenIntent }> = [];
  const opened: Array<{ href: string; intent: OpenIntent }> = [];
  const checked: string[] = [];
  const controller = new AbortController();
  controllers.push(controller);
  guardClicks({
    signal: controller.signal,
    judgedHref: (e) => judged.get(e),
    isMarked: (e, href) => marked.get(e) === href,
    checkSameHost: () => false,
    confirm: (element, intent) => {
      if (!marked.has(element)) return false;
      confirmed.push({ element, intent });
      return true;
    },
    checkNow: async (element, href) => {
      checked.push(href);
      const danger = (options.dangerous ?? []).includes(href);
      if (danger) marked.set(element, href);
      return danger;
    },
    open: (href, intent) => opened.push({ href, intent }),
  });
  // The page's own listener, added after ours (page scripts run after document_start).
  const pageSaw: string[] = [];
  window.addEventListener('click', (e) => pageSaw.push((e.target as Element).id), { capture: true, signal: controller.signal });
  return { judged, marked, confirmed, opened, checked, pageSaw };
}

function link(id: string, href: string, attrs: Record<string, string> = {}): HTMLAnchorElement {
  const a = document.createElement('a');
  a.id = id;
  a.href = href;
  a.textContent = href;
  for (const [k, v] of Object.entries(attrs)) a.setAttribute(k, v);
  document.body.append(a);
  return a;
}

function click(target: Element, init: MouseEventInit = {}, type = 'click'): MouseEvent {
  const event = new MouseEvent(type, { bubbles: true, cancelable: true, composed: true, ...init });
  target.dispatchEvent(event);
  return event;
}

describe('guardClicks', () => {
  it('leaves a link judged safe alone: the page handles the click as usual', () => {
    const a = link('safe', 'https://news.example/');
    const t = setUp({ judged: new Map([[a, a.href]]) });
    const event = click(a);
    expect(event.defaultPrevented).toBe(false);
    expect(t.pageSaw).toEqual(['safe']);
    expect(t.checked).toEqual([]);
  });

  it('stops a marked link before the page sees the click, and hands it to the confirm step', () => {
    const a = link('scam', 'https://investhk-payment.com/claim');
    const t = setUp({ judged: new Map([[a, a.href]]), marked: new Map([[a, a.href]]) });
    // A page handler that would window.open() never runs.
    const event = click(a);
    expect(event.defaultPrevented).toBe(true);
    expect(t.pageSaw).toEqual([]);
    expect(t.confirmed.map((c) => c.intent)).toEqual([{ newTab: false, target: '' }]);
  });

  it('confirms middle, Ctrl, Cmd and Shift clicks, and target=_blank, as new-tab intents', () => {
    const a = link('scam', 'https://investhk-payment.com/claim', { target: '_blank' });
    const b = link('scam2', 'https://investhk-payment.com/other');
    const t = setUp({
      judged: new Map([
        [a, a.href],
        [b, b.href],
      ]),
      marked: new Map([
        [a, a.href],
        [b, b.href],
      ]),
    });
    click(a);
    click(b, { button: 1 }, 'auxclick');
    click(b, { ctrlKey: true });
    click(b, { metaKey: true });
    click(b, { shiftKey: true });
    expect(t.confirmed.map((c) => c.intent.newTab)).toEqual([true, true, true, true, true]);
    // A right click opens the context menu: not a navigation here.
    click(b, { button: 2 }, 'auxclick');
    expect(t.confirmed).toHaveLength(5);
  });

  it('holds a link whose href the page swapped after the check, and judges the new href', async () => {
    const a = link('swap', 'https://news.example/');
    const t = setUp({ judged: new Map([[a, a.href]]), dangerous: ['https://investhk-payment.com/claim'] });
    a.href = 'https://investhk-payment.com/claim'; // between check and click
    const event = click(a);
    expect(event.defaultPrevented).toBe(true);
    expect(t.pageSaw).toEqual([]);
    await vi.waitFor(() => expect(t.confirmed).toHaveLength(1));
    expect(t.checked).toEqual(['https://investhk-payment.com/claim']);
    expect(t.opened).toEqual([]);
  });

  it('holds a link never judged yet, then opens it itself when the answer is safe', async () => {
    const a = link('new', 'https://other.example/path', { target: '_blank' });
    const t = setUp();
    click(a);
    await vi.waitFor(() => expect(t.opened).toHaveLength(1));
    expect(t.opened[0]).toEqual({ href: 'https://other.example/path', intent: { newTab: true, target: '_blank' } });
    expect(t.confirmed).toEqual([]);
  });

  it('judges the address the browser will open: a <base href> added after the scan changes it', async () => {
    const a = document.createElement('a');
    a.id = 'relative';
    a.setAttribute('href', 'claim');
    document.body.append(a);
    const t = setUp({ judged: new Map([[a, a.href]]), dangerous: ['https://investhk-payment.com/claim'] });
    const base = document.createElement('base');
    base.href = 'https://investhk-payment.com/';
    document.head.append(base);
    click(a);
    await vi.waitFor(() => expect(t.confirmed).toHaveLength(1));
    expect(t.checked).toEqual(['https://investhk-payment.com/claim']);
    base.remove();
  });

  it('leaves same-host links and non-web hrefs to the page', () => {
    const a = link('same', `${location.origin}/next`);
    const b = link('js', 'javascript:void 0');
    const t = setUp();
    expect(click(a).defaultPrevented).toBe(false);
    expect(click(b).defaultPrevented).toBe(false);
    expect(t.checked).toEqual([]);
  });

  it('keeps the page keyboard handlers away from Enter on a marked link', () => {
    const a = link('scam', 'https://investhk-payment.com/claim');
    setUp({ judged: new Map([[a, a.href]]), marked: new Map([[a, a.href]]) });
    let pageKeys = 0;
    window.addEventListener('keydown', () => pageKeys++, { capture: true, signal: controllers[0]!.signal });
    a.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    a.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true, cancelable: true }));
    expect(pageKeys).toBe(1);
  });
});

describe('image maps', () => {
  it('finds the area under a click that targets the image (as Firefox does), by the area shapes', async () => {
    document.body.innerHTML = `<img usemap="#m" width="200" height="100" alt="">
      <map name="m"><area id="left" shape="rect" coords="0,0,100,100" href="https://investhk-payment.com/a">
      <area id="circle" shape="circle" coords="150,50,20" href="https://news.example/"></map>`;
    const left = document.getElementById('left')!;
    const t = setUp({
      judged: new Map([[left, (left as HTMLAreaElement).href]]),
      marked: new Map([[left, (left as HTMLAreaElement).href]]),
    });
    const img = document.querySelector('img')!;
    const event = click(img, { clientX: 30, clientY: 40 });
    expect(event.defaultPrevented).toBe(true);
    expect(t.confirmed.map((c) => c.element.id)).toEqual(['left']);
    // Outside every area: nothing to do.
    expect(click(img, { clientX: 190, clientY: 95 }).defaultPrevented).toBe(false);
  });

  it('tests rectangles, circles and polygons', () => {
    const area = (shape: string, coords: string) => Object.assign(document.createElement('area'), { shape, coords });
    expect(areaContains(area('rect', '10,10,20,20'), 15, 15)).toBe(true);
    expect(areaContains(area('rect', '10,10,20,20'), 25, 15)).toBe(false);
    expect(areaContains(area('circle', '50,50,10'), 55, 55)).toBe(true);
    expect(areaContains(area('circle', '50,50,10'), 60, 60)).toBe(false);
    expect(areaContains(area('poly', '0,0,100,0,0,100'), 10, 10)).toBe(true);
    expect(areaContains(area('poly', '0,0,100,0,0,100'), 90, 90)).toBe(false);
    expect(areaContains(area('default', ''), 999, 999)).toBe(true);
  });
});

describe('intentOf', () => {
  it('reads the target and modifiers', () => {
    const a = link('x', 'https://a.example/', { target: 'frame-1' });
    expect(intentOf(new MouseEvent('click'), a)).toEqual({ newTab: false, target: 'frame-1' });
    expect(intentOf(new MouseEvent('click', { button: 1 }), a).newTab).toBe(true);
  });
});
