import { describe, expect, it } from 'vitest';
import { INTERSTITIAL_PATH, senderKind } from './sender-kind';

const ID = 'cheiigpbhifnmbdjiiheiphfmgndccbf';
const ORIGIN = `chrome-extension://${ID}`;

describe('senderKind', () => {
  it('tells content scripts, extension pages and the interstitial apart', () => {
    expect(senderKind({ id: ID, url: 'https://mail.example/inbox', tab: { id: 3 } }, ID, ORIGIN)).toBe('content');
    expect(senderKind({ id: ID, url: 'about:blank', tab: { id: 3 } }, ID, ORIGIN)).toBe('content');
    expect(senderKind({ id: ID, url: `${ORIGIN}/src/popup/index.html?tabId=3` }, ID, ORIGIN)).toBe('extension-page');
    expect(senderKind({ id: ID, url: `${ORIGIN}/src/options/index.html`, tab: { id: 4 } }, ID, ORIGIN)).toBe('extension-page');
    expect(senderKind({ id: ID, url: `${ORIGIN}${INTERSTITIAL_PATH}#https://scam.example/`, tab: { id: 5 } }, ID, ORIGIN)).toBe(
      'interstitial',
    );
  });

  it('refuses other extensions, senders without a URL, and web pages outside tabs', () => {
    expect(senderKind({ id: 'other', url: `${ORIGIN}/src/popup/index.html` }, ID, ORIGIN)).toBeNull();
    expect(senderKind({ id: ID }, ID, ORIGIN)).toBeNull();
    expect(senderKind({ id: ID, url: 'https://evil.example/' }, ID, ORIGIN)).toBeNull();
  });

  it('is not fooled by a web page whose URL contains our origin', () => {
    const url = `https://evil.example/?${ORIGIN}/src/options/index.html`;
    expect(senderKind({ id: ID, url, tab: { id: 1 } }, ID, ORIGIN)).toBe('content');
    expect(senderKind({ id: ID, url: `${ORIGIN}.evil.example/src/options/index.html`, tab: { id: 1 } }, ID, ORIGIN)).toBe('content');
  });
});
