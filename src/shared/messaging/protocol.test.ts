/**
 * The protocol's request schemas: what a content script (running in a page the scammer
 * wrote) or an extension page may send. The dispatcher refuses anything else before a
 * handler runs.
 */
import { describe, expect, it } from 'vitest';
import { MAX_LINK_TEXT_CHARS, MAX_LINKS_PER_CHECK, MAX_TEXT_CHARS, PROTOCOL, type ToBackground } from './protocol';

const accepts = (name: ToBackground, payload: unknown) => PROTOCOL[name].request.safeParse(payload).success;

describe('protocol request schemas', () => {
  it('accepts the payloads the extension sends', () => {
    expect(accepts('page-check', { url: 'https://mail.example/' })).toBe(true);
    expect(accepts('links-check', { pageUrl: 'https://a.example/', links: [{ href: 'https://b.example/', text: 'b' }] })).toBe(true);
    expect(accepts('text-check', { pageUrl: 'https://a.example/', text: 'InvestHK', sensitiveInputs: false })).toBe(true);
    expect(accepts('ui-inject', {})).toBe(true);
    const tel = { href: 'tel:+85231071080', text: '3107 1080', context: 'Call the InvestHK hotline 3107 1080' };
    expect(accepts('links-check', { pageUrl: 'https://a.example/', links: [tel] })).toBe(true);
    expect(accepts('ui-state', {})).toBe(true);
    expect(accepts('ui-state', { tabId: 7 })).toBe(true);
    expect(accepts('settings-update', { patch: { language: 'zh-Hant' } })).toBe(true);
    expect(accepts('interstitial-continue', { url: 'https://scam.example/' })).toBe(true);
    expect(accepts('interstitial-continue', { url: 'https://mail.example/', reason: 'hidden' })).toBe(true);
    expect(accepts('interstitial-info', { url: 'https://scam.example/', reason: 'page' })).toBe(true);
    expect(accepts('banner-fought', { pageUrl: 'https://mail.example/', agency: 'investhk', repairs: 8 })).toBe(true);
  });

  it('refuses wrong types, extra fields and oversized payloads', () => {
    expect(accepts('page-check', { url: 42 })).toBe(false);
    expect(accepts('page-check', { url: 'https://a.example/', extra: true })).toBe(false);
    expect(accepts('page-check', null)).toBe(false);
    const many = Array.from({ length: MAX_LINKS_PER_CHECK + 1 }, () => ({ href: 'https://b.example/', text: '' }));
    expect(accepts('links-check', { pageUrl: 'https://a.example/', links: many })).toBe(false);
    expect(accepts('text-check', { pageUrl: 'https://a.example/', text: 'x'.repeat(MAX_TEXT_CHARS + 1), sensitiveInputs: false })).toBe(
      false,
    );
    const longContext = { href: 'tel:31071080', text: '', context: 'x'.repeat(MAX_LINK_TEXT_CHARS + 1) };
    expect(accepts('links-check', { pageUrl: 'https://a.example/', links: [longContext] })).toBe(false);
    expect(accepts('settings-update', { patch: { language: 'klingon' } })).toBe(false);
    expect(accepts('settings-update', { patch: { feeds: [] } })).toBe(false);
    expect(accepts('ui-state', { tabId: -1 })).toBe(false);
    expect(accepts('interstitial-info', { url: 'https://scam.example/', reason: 'trust-me' })).toBe(false);
    expect(accepts('banner-fought', { pageUrl: 'https://mail.example/', agency: 'investhk', repairs: -1 })).toBe(false);
  });

  it('names who may send each message', () => {
    const from = Object.fromEntries(Object.entries(PROTOCOL).map(([name, m]) => [name, [...m.from]]));
    expect(from['page-check']).toEqual(['content']);
    expect(from['ui-state']).toEqual(['extension-page']);
    expect(from['feed-subscribe']).toEqual(['extension-page']);
    expect(from['interstitial-continue']).toEqual(['interstitial']);
    expect(from['banner-fought']).toEqual(['content']);
    // No message is open to every kind of sender.
    for (const senders of Object.values(from)) expect(senders.length).toBe(1);
  });
});
