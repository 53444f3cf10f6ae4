// Writes the printed GraphQL schema to graphql/schema.graphql; a test fails when the committed copy is stale.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from '#graphql/schema.ts';
import { projectRoot } from '#prisma/database.ts';

export const printedSchemaPath = path.join(projectRoot, 'graphql', 'schema.graphql');
export const printedSchema = () => `${printSchema(lexicographicSortSchema(schema))}\n`;

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(printedSchemaPath, printedSchema());
  console.log(`Wrote ${path.relative(projectRoot, printedSchemaPath)}`);
}
