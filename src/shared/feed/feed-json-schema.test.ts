import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import json from './default-feed.json' with { type: 'json' };
import { feedJsonSchema, feedJsonSchemaText } from './feed-json-schema';

const DOC = fileURLToPath(new URL('../../../docs/feed.schema.json', import.meta.url));

describe('docs/feed.schema.json', () => {
  it('is generated from the zod schema and up to date (UPDATE_FEED_SCHEMA=1 rewrites it; then run prettier on it)', () => {
    if (process.env.UPDATE_FEED_SCHEMA === '1') writeFileSync(DOC, feedJsonSchemaText());
    // Compared as JSON, so the formatter may lay the file out as it likes.
    expect(JSON.parse(readFileSync(DOC, 'utf8'))).toEqual(JSON.parse(feedJsonSchemaText()));
  });

  it('describes the top-level fields of the default feed', () => {
    const schema = feedJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    for (const key of Object.keys(json)) expect(Object.keys(schema.properties)).toContain(key);
    expect(schema.required).toEqual(expect.arrayContaining(['format_version', 'feed_id', 'sequence', 'expires_at', 'agencies']));
  });
});
