/**
 * Feeds for the engine's tests, built in the project's own format. Test-only: the scam
 * entries below must never appear in the embedded default feed.
 */
import defaultFeedJson from '../../feed/default-feed.json' with { type: 'json' };
import type { AgencyInput, Feed, FeedInput } from '../../feed/feed-schema';
import { parseFeed } from '../../feed/validate-feed';

/** A deep copy of the embedded default feed document (not yet validated). */
export function defaultFeedInput(): FeedInput {
  return structuredClone(defaultFeedJson) as FeedInput;
}

/**
 * The feed that the field cases assume (cases distilled from public bug reports; see `cases.test.ts`): the default Invest Hong Kong entry
 * plus three test-only known-scam entries (a host, a host on a shared suffix, an IPv4
 * address), and a path-level entry on a shared host for the path-prefix tests.
 *
 * @param patch - optional changes to the InvestHK agency (e.g. an ended campaign).
 */
export function casesFeed(patch: Partial<AgencyInput> = {}): Feed {
  const input = defaultFeedInput();
  const investhk = input.agencies.find((a) => a.id === 'investhk');
  if (!investhk) throw new Error('default feed lacks investhk');
  Object.assign(investhk, {
    scam_entries: [
      { host: 'investhk-verify.example', note: 'test-only scam host' },
      { host: 'investhk-claim.github.io', note: 'test-only scam host on a private suffix' },
      { host: '203.0.113.7', note: 'test-only scam IPv4 (TEST-NET-3)' },
      { host: 'sites.example-hosting.net', path_prefix: '/investhk-grant', note: 'test-only scam page on a shared host' },
    ],
    ...patch,
  });
  input.agencies = [investhk];
  return parseFeed(input);
}

/** The embedded default feed (all three agencies), validated. */
export function defaultFeed(): Feed {
  return parseFeed(defaultFeedInput());
}
