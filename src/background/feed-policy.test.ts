/**
 * The managed-policy cache with a fake extension API: one live read until managed storage
 * changes, and the snapshot of the last live read while Chromium's slow first read after
 * start is still pending (then a correction when the policy changed meanwhile).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const local = new Map<string, unknown>();
let managedReads = 0;
let release: ((value: Record<string, unknown>) => void) | null = null;
let managedNow: Record<string, unknown> = {};
const listeners: Array<(changes: object, area: string) => void> = [];

vi.mock('webextension-polyfill', () => ({
  default: {
    storage: {
      local: {
        get: async (key: string) => (local.has(key) ? { [key]: structuredClone(local.get(key)) } : {}),
        set: async (items: Record<string, unknown>) => Object.entries(items).forEach(([k, v]) => local.set(k, structuredClone(v))),
      },
      managed: {
        // A read that answers only when the test releases it (the slow first read after start).
        get: () => {
          managedReads++;
          return new Promise<Record<string, unknown>>((resolve) => {
            release = resolve;
          });
        },
      },
      onChanged: { addListener: (l: (changes: object, area: string) => void) => void listeners.push(l) },
    },
  },
}));

const { forgetPolicy, loadPolicy, loadPolicyFast, onPolicyCorrected } = await import('./feed-policy');

/** Lets the pending managed read answer with the current policy. */
async function answerManaged(): Promise<void> {
  for (let i = 0; i < 20 && !release; i++) await Promise.resolve();
  release?.(managedNow);
  release = null;
}

beforeEach(() => {
  local.clear();
  forgetPolicy();
  managedReads = 0;
  release = null;
  managedNow = {};
});

describe('managed policy cache', () => {
  it('reads managed storage once, until it changes', async () => {
    managedNow = { allowDismiss: false };
    const first = loadPolicy();
    await answerManaged();
    expect(await first).toEqual({ allowDismiss: false });
    expect(await loadPolicy()).toEqual({ allowDismiss: false });
    expect(managedReads).toBe(1);

    managedNow = { allowDismiss: true };
    for (const l of listeners) l({}, 'managed');
    const again = loadPolicy();
    await answerManaged();
    expect(await again).toEqual({ allowDismiss: true });
    expect(managedReads).toBe(2);
  });

  it('answers from the last live read while the first read after start is pending, then corrects', async () => {
    // A previous browser session read this policy.
    local.set('managedPolicySnapshot', { allowDismiss: false });
    const corrected = vi.fn();
    const stop = onPolicyCorrected(corrected);
    // The admin lifted the lock while the browser was closed.
    managedNow = { allowDismiss: true };
    expect(await loadPolicyFast()).toEqual({ allowDismiss: false });
    expect(corrected).not.toHaveBeenCalled();
    await answerManaged();
    expect(await loadPolicy()).toEqual({ allowDismiss: true });
    await vi.waitFor(() => expect(corrected).toHaveBeenCalledTimes(1));
    expect(await loadPolicyFast()).toEqual({ allowDismiss: true });
    expect(local.get('managedPolicySnapshot')).toEqual({ allowDismiss: true });
    stop();
  });

  it('waits for the live read when no snapshot exists (just after install: locks hold from the first page)', async () => {
    managedNow = { allowDismiss: false };
    const fast = loadPolicyFast();
    await answerManaged();
    expect(await fast).toEqual({ allowDismiss: false });
  });

  it('checks a snapshot like live policy: a bad value is ignored, not trusted', async () => {
    local.set('managedPolicySnapshot', { allowDismiss: 'no', reportAddress: 'javascript:alert(1)' });
    const fast = await loadPolicyFast();
    expect(fast).toEqual({});
    await answerManaged();
  });
});
