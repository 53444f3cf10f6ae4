// Generates the result and variable types of every page query (GraphQL Code Generator's client preset) from the
// committed graphql/schema.graphql: no network, no running server. Pages write `graphql(`...`)` from
// site/lib/graphql/index.ts; a query the schema does not answer fails here, and a query changed without generating
// again is typed `unknown`, which `execute` refuses, so `npm run typecheck` fails either way.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { generate } from '@graphql-codegen/cli';
import { CodeFileLoader } from '@graphql-tools/code-file-loader';
import { GraphQLFileLoader } from '@graphql-tools/graphql-file-loader';
import { parse } from 'graphql';
import ts from 'typescript';
import { projectRoot } from '#prisma/database.ts';

export const pageTypesDirectory = path.join(projectRoot, 'site', 'lib', 'graphql');

/** The TypeScript of a file: an .astro file's frontmatter, a .ts file whole. */
const scriptOf = (location: string, text: string) =>
  location.endsWith('.astro') ? (/^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '') : text;

/** The literal text of every `graphql(`...`)` call in a file. */
export function documentsIn(location: string, text: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'graphql') {
      const [argument] = node.arguments;
      if (argument && (ts.isNoSubstitutionTemplateLiteral(argument) || ts.isStringLiteral(argument)))
        found.push(argument.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(location, scriptOf(location, text), ts.ScriptTarget.Latest, true));
  return found;
}

/**
 * Finds documents with TypeScript's parser: the pluck library's .astro reader needs a compiler Astro no longer ships,
 * and its Babel parser refuses a frontmatter's top-level `return`.
 */
class PageFileLoader extends CodeFileLoader {
  override async handleSinglePath(location: string) {
    const text = await readFile(path.resolve(projectRoot, location), 'utf8');
    return documentsIn(location, text).map((rawSDL) => ({ rawSDL, document: parse(rawSDL), location }));
  }
}

const config: CodegenConfig = {
  cwd: projectRoot,
  schema: 'graphql/schema.graphql',
  documents: ['site/**/*.astro', 'site/**/*.ts', '!site/lib/graphql/**'],
  silent: true,
  generates: {
    'site/lib/graphql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        scalars: { Date: 'string', DateTime: 'string', File: 'File' },
        skipTypename: true,
        documentMode: 'documentNode',
      },
    },
  },
};

/** The generated files (name relative to the project, text), without writing them. */
export async function pageTypes(): Promise<{ filename: string; content: string }[]> {
  const loader = new PageFileLoader({ noRequire: true });
  const files = await generate({ ...config, loaders: [loader, new GraphQLFileLoader()] } as CodegenConfig, false);
  return files.map((file: { filename: string; content: string }) => ({
    filename: path.relative(projectRoot, path.resolve(projectRoot, file.filename)),
    content: file.content,
  }));
}
