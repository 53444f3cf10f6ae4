// Writes the printed GraphQL schema to graphql/schema.graphql and, from it, the page query types in site/lib/graphql/;
// tests fail when either committed copy is stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from '#graphql/schema.ts';
import { projectRoot } from '#prisma/database.ts';
import { pageTypes } from './page-types.ts';

export const printedSchemaPath = path.join(projectRoot, 'graphql', 'schema.graphql');
export const printedSchema = () => `${printSchema(lexicographicSortSchema(schema))}\n`;

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(printedSchemaPath, printedSchema());
  console.log(`Wrote ${path.relative(projectRoot, printedSchemaPath)}`);
  for (const file of await pageTypes()) {
    const target = path.join(projectRoot, file.filename);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.content);
    console.log(`Wrote ${file.filename}`);
  }
}
