import { describe, expect, it } from 'vitest';
import { MAX_PATH_PREFIX_CHARS, normalizePathPrefix, normalizeUrlPath, pathHasPrefix } from './path-prefix';
import { parseFeed } from './validate-feed';
import { feedValue } from './testing/feed-fixtures';
import { createMatcher } from '../match/matcher';

describe('path prefixes in normal form', () => {
  it('normalises as the URL parser does, decodes unreserved escapes, ignores case, stays ASCII', () => {
    expect(normalizePathPrefix('/InvestHK')).toEqual({ prefix: '/investhk' });
    expect(normalizePathPrefix('/%69nvesthk')).toEqual({ prefix: '/investhk' });
    expect(normalizePathPrefix('/a/../investhk')).toEqual({ prefix: '/investhk' });
    expect(normalizePathPrefix('/申請')).toEqual({ prefix: '/%e7%94%b3%e8%ab%8b' });
    expect(normalizePathPrefix('/%E7%94%B3%E8%AB%8B')).toEqual({ prefix: '/%e7%94%b3%e8%ab%8b' });
    expect(normalizePathPrefix('/a%2Fb').prefix).toBe('/a%2fb');
  });

  it('refuses prefixes that are not a path, cover the whole host, or are too long', () => {
    for (const bad of ['investhk', '/a?b=1', '/a#x', '/a b', '/\u0000', '/', '/x/..', `/${'a'.repeat(MAX_PATH_PREFIX_CHARS)}`]) {
      expect(normalizePathPrefix(bad).problem, JSON.stringify(bad)).toBeDefined();
    }
  });

  it('matches every spelling of the same path', () => {
    for (const path of ['/investhk/claim', '/INVESTHK/claim', '/%69nvesthk/claim', '/%49NVESTHK', '/inv%65sthk']) {
      expect(pathHasPrefix(path, '/investhk'), path).toBe(true);
    }
    expect(pathHasPrefix(new URL('https://h/申請/x').pathname, '/申請')).toBe(true);
    expect(pathHasPrefix('/about', '/investhk')).toBe(false);
    expect(normalizeUrlPath('/%7Euser')).toBe('/~user');
  });

  it('the matcher catches /%69nvesthk and /INVESTHK on a shared host, and a feed with /申請 validates', () => {
    const value = feedValue();
    const agencies = value.agencies as Array<Record<string, unknown>>;
    agencies[0]!.scam_entries = [
      { host: 'sites.example-hosting.com', path_prefix: '/investhk' },
      { host: 'sites.example-hosting.com', path_prefix: '/申請' },
    ];
    const matcher = createMatcher(parseFeed(value));
    for (const url of [
      'https://sites.example-hosting.com/investhk/pay',
      'https://sites.example-hosting.com/INVESTHK/pay',
      'https://sites.example-hosting.com/%69nvesthk/pay',
      'https://sites.example-hosting.com/申請/form',
    ]) {
      expect(matcher.matchUrl(url).verdict, url).toBe('blocklisted');
    }
    expect(matcher.matchUrl('https://sites.example-hosting.com/other').verdict).not.toBe('blocklisted');
  });
});
