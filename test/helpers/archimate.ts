// Validates ArchiMate exchange files against The Open Group's schema with libxml2 compiled to WebAssembly (no network).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { projectRoot } from '#prisma/database.ts';

const schemaDir = path.join(projectRoot, 'test', 'fixtures', 'archimate');

/** libxml2's errors for the file; none for a valid one. */
export async function schemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'model.xml', contents: xml }],
    schema: [
      {
        fileName: 'archimate3_Diagram.xsd',
        contents: readFileSync(path.join(schemaDir, 'archimate3_Diagram.xsd'), 'utf8'),
      },
    ],
    preload: [{ fileName: 'xml.xsd', contents: readFileSync(path.join(schemaDir, 'xml.xsd'), 'utf8') }],
  });
  return result.errors.map((e) => e.message);
}
