/**
 * The embedded default feed (`default-feed.json`), bundled into the extension and the CLI
 * so both work offline from the first second. Validated at load: a broken default feed
 * fails the build's tests, never a user's browser silently.
 */
import json from './default-feed.json' with { type: 'json' };
import { parseFeed } from './validate-feed';

export const DEFAULT_FEED = parseFeed(json);
