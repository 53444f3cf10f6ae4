import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printedSchema, printedSchemaPath } from '#scripts/print-schema.ts';

describe('graphql/schema.graphql', () => {
  it('matches the schema the code builds (run `npm run schema:print` after changing the API)', () => {
    expect(readFileSync(printedSchemaPath, 'utf8')).toBe(printedSchema());
  });
});
