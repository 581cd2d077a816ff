/**
 * The JSON Schema of the feed format (draft 2020-12), generated from the zod schema in
 * `feed-schema.ts` so the two never drift. Shipped as `docs/feed.schema.json` for editors;
 * `feed-json-schema.test.ts` fails when that file is out of date (regenerate with
 * `UPDATE_FEED_SCHEMA=1 npx vitest run --project unit src/shared/feed/feed-json-schema.test.ts`).
 * It checks the shape only: the semantic checks (duplicate ids, overlaps) are in
 * `validate-feed.ts` and `scam-alert feed validate`.
 */
import { z } from 'zod';
import { feedSchema } from './feed-schema';

/** The schema document, with an `$id`, a title and the input (pre-default) shape. */
export function feedJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(feedSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: 'https://agency-scam-alert.invalid/feed.schema.json',
    title: 'Agency Scam Alert feed',
    description: 'A signed list of public agencies under breach-related scam campaigns. See docs/feed-format.md.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}

/** The text of `docs/feed.schema.json`: the schema, 2-space indented, with a final newline. */
export function feedJsonSchemaText(): string {
  return `${JSON.stringify(feedJsonSchema(), null, 2)}\n`;
}
