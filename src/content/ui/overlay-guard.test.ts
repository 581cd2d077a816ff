// @vitest-environment jsdom
/**
 * The guard against page tampering, in jsdom (no top layer, no layout: the hit test and the
 * popover are covered by the real-browser tests in test/e2e). Here: what it repairs, that it
 * never repairs inside the page's microtask chain, its backoff, and its fight count.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_REPAIR_DELAY_MS, OverlayGuard, repairDelay } from './overlay-guard';

const controllers: AbortController[] = [];
afterEach(() => {
  controllers.splice(0).forEach((c) => c.abort());
  document.querySelectorAll('x-host, x-other').forEach((e) => e.remove());
});

function guarded(onFight?: (n: number, why: string) => void) {
  const host = document.createElement('x-host');
  host.attachShadow({ mode: 'closed' });
  const controller = new AbortController();
  controllers.push(controller);
  const guard = new OverlayGuard(host, controller.signal, { stayOnTop: false, isOwn: () => false, onFight });
  return { host, guard, controller };
}

describe('repairDelay', () => {
  it('repairs at once at first, then backs off to at most a second, and never stops', () => {
    expect([0, 1, 2].map(repairDelay)).toEqual([0, 0, 0]);
    expect(repairDelay(3)).toBe(16);
    expect(repairDelay(4)).toBe(32);
    expect(repairDelay(50)).toBe(MAX_REPAIR_DELAY_MS);
    expect(repairDelay(10_000)).toBe(MAX_REPAIR_DELAY_MS);
  });
});

describe('OverlayGuard', () => {
  it('attaches the host to <html> and puts it back after the page removes it', async () => {
    const { host } = guarded();
    expect(host.parentNode).toBe(document.documentElement);
    host.remove();
    await vi.waitFor(() => expect(host.parentNode).toBe(document.documentElement));
  });

  it('moves the host out of an element the page hid it in', async () => {
    const { host } = guarded();
    const hidden = document.createElement('div');
    hidden.style.display = 'none';
    document.body.append(hidden);
    hidden.append(host);
    await vi.waitFor(() => expect(host.parentNode).toBe(document.documentElement));
    hidden.remove();
  });

  it('survives <html> being replaced by its clone, and removes the impostor copy of its tag', async () => {
    const { host } = guarded();
    const clone = document.documentElement.cloneNode(true) as HTMLElement;
    document.replaceChild(clone, document.documentElement);
    expect(document.documentElement).toBe(clone);
    await vi.waitFor(() => expect(host.parentNode).toBe(clone));
    // The clone carried a copy of the host element, without its closed shadow root.
    expect([...document.getElementsByTagName('x-host')]).toEqual([host]);
  });

  it('removes attributes the page adds (hidden, inert, style)', async () => {
    const { host } = guarded();
    host.setAttribute('hidden', '');
    host.setAttribute('inert', '');
    host.style.setProperty('display', 'none', 'important');
    await vi.waitFor(() => expect(host.getAttributeNames()).toEqual([]));
  });

  it('repairs in a timer task, not in the page microtask chain, so a page that removes it from its own observer stays responsive', async () => {
    const fights: number[] = [];
    const { host } = guarded((n) => fights.push(n));
    let removals = 0;
    // The page removes every foreign child of <html> as soon as it appears (microtask).
    const page = new MutationObserver(() => {
      if (host.parentNode) {
        host.remove();
        removals++;
      }
    });
    page.observe(document.documentElement, { childList: true });
    host.remove();
    removals++;
    // A microtask loop would never let this timer run.
    const start = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(Date.now() - start).toBeLessThan(2000);
    page.disconnect();
    // Backoff: 3 free repairs, then 16, 32, 64, 128 ms… within 300 ms only a handful.
    expect(removals).toBeGreaterThanOrEqual(4);
    expect(removals).toBeLessThan(12);
    expect(fights.at(-1)).toBeGreaterThanOrEqual(4);
    // No cap: once the page stops, the host comes back.
    await vi.waitFor(() => expect(host.parentNode).toBe(document.documentElement), { timeout: 3000 });
  });

  it('stops guarding when aborted', async () => {
    const { host, controller } = guarded();
    controller.abort();
    host.remove();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(host.isConnected).toBe(false);
  });
});
