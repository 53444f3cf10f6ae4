// Collects every GraphQL document the site's pages and the benchmark send, from their source: new pages join by
// construction. Interpolations are resolved from constants in the same file; those that are computed at run time
// need a worked example in SAMPLES (a test fails naming any that has none). A named fragment a page defines on its own
// (`graphql(`fragment X on T { ... }`)`, the typed documents' way to share fields) is added to each operation that
// spreads it, as the generated document carries it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { projectRoot } from '#prisma/database.ts';

export interface CollectedOperation {
  file: string;
  source: string;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return /\.(astro|ts)$/.test(entry.name) ? [full] : [];
  });
}

/** The TypeScript of a file: an .astro file's frontmatter, a .ts file whole. */
function scriptOf(file: string): string {
  const text = readFileSync(file, 'utf8');
  if (!file.endsWith('.astro')) return text;
  const match = /^---\n([\s\S]*?)\n---/.exec(text);
  return match?.[1] ?? '';
}

/** The start of a GraphQL operation: `query`, `mutation` or an anonymous selection set. */
const OPERATION = /^\s*((query|mutation)\b|\{\s*([_A-Za-z]|$))/;
/** Whether a literal's text up to its first interpolation starts an operation (a plain word such as 'query' does not). */
const startsOperation = (head: string, interpolated: boolean) =>
  OPERATION.test(head) && (interpolated || head.includes('{'));
/** A named fragment's definition, and the names of the fragments a text spreads. */
const FRAGMENT = /^\s*fragment\s+([_A-Za-z][_0-9A-Za-z]*)\s+on\b/;
const spreadsIn = (text: string) =>
  [...text.matchAll(/\.\.\.\s*([_A-Za-z][_0-9A-Za-z]*)/g)].map((m) => m[1] as string).filter((name) => name !== 'on');

/** The text with the definitions of the fragments it spreads (and those spread by them) that it does not define. */
function withFragments(text: string, fragments: Map<string, string>): string {
  const defined = new Set([...text.matchAll(/\bfragment\s+([_A-Za-z][_0-9A-Za-z]*)\s+on\b/g)].map((m) => m[1]));
  let added = '';
  const pending = spreadsIn(text);
  for (let name = pending.shift(); name !== undefined; name = pending.shift()) {
    const definition = fragments.get(name);
    if (defined.has(name) || !definition) continue;
    defined.add(name);
    added += `\n${definition}`;
    pending.push(...spreadsIn(definition));
  }
  return text + added;
}

/**
 * Run-time interpolations, by file and the expression's text, with the values they take. Each value is substituted
 * for the expression, so each variant is checked.
 */
export type Samples = Record<string, Record<string, string[]>>;

export function collectOperations(samples: Samples): { operations: CollectedOperation[]; unresolved: string[] } {
  const bench = ['bench.ts', 'bench-operations.ts', 'bench-mixed.ts'].map((f) => path.join(projectRoot, 'scripts', f));
  const files = [...filesUnder(path.join(projectRoot, 'site')), ...bench];
  const operations: CollectedOperation[] = [];
  const unresolved: string[] = [];
  const fragments = new Map<string, string>();
  for (const file of files) {
    const relative = path.relative(projectRoot, file);
    const source = ts.createSourceFile(relative, scriptOf(file), ts.ScriptTarget.Latest, true);
    const constants = new Map<string, ts.Expression>();
    const visitDeclarations = (node: ts.Node) => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer)
        constants.set(node.name.text, node.initializer);
      ts.forEachChild(node, visitDeclarations);
    };
    visitDeclarations(source);

    /**
     * Every text an expression can take, each with the branch it took at every condition (so two conditionals on one
     * condition stay in step), or null when it cannot be known from the source.
     */
    type Variant = { text: string; choices: Record<string, boolean> };
    const valuesOf = (expression: ts.Expression, env: Record<string, string> = {}, depth = 0): Variant[] | null => {
      if (depth > 10) return null;
      const sample = samples[relative]?.[expression.getText(source)];
      if (sample) return sample.map((text) => ({ text, choices: {} }));
      if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression))
        return [{ text: expression.text, choices: {} }];
      if (ts.isTaggedTemplateExpression(expression) && ts.isIdentifier(expression.tag) && expression.tag.text === 'gql')
        return valuesOf(expression.template, env, depth);
      if (ts.isParenthesizedExpression(expression)) return valuesOf(expression.expression, env, depth);
      if (ts.isIdentifier(expression) && expression.text in env)
        return [{ text: env[expression.text] as string, choices: {} }];
      if (ts.isIdentifier(expression) && constants.has(expression.text))
        return valuesOf(constants.get(expression.text) as ts.Expression, env, depth + 1);
      if (ts.isConditionalExpression(expression)) {
        const condition = expression.condition.getText(source);
        const a = valuesOf(expression.whenTrue, env, depth + 1);
        const b = valuesOf(expression.whenFalse, env, depth + 1);
        if (!a || !b) return null;
        return [
          ...a.map((v) => ({ ...v, choices: { ...v.choices, [condition]: true } })),
          ...b.map((v) => ({ ...v, choices: { ...v.choices, [condition]: false } })),
        ];
      }
      // JSON.stringify(x) of a bound name.
      if (
        ts.isCallExpression(expression) &&
        expression.expression.getText(source) === 'JSON.stringify' &&
        expression.arguments[0]
      ) {
        const inner = valuesOf(expression.arguments[0], env, depth + 1);
        return inner?.map((v) => ({ ...v, text: JSON.stringify(v.text) })) ?? null;
      }
      // list.map((item, i) => `...`).join(separator), with the list's elements given as a sample.
      if (
        ts.isCallExpression(expression) &&
        ts.isPropertyAccessExpression(expression.expression) &&
        expression.expression.name.text === 'join'
      ) {
        const mapped = expression.expression.expression;
        const separator = expression.arguments[0] ? valuesOf(expression.arguments[0], env, depth + 1)?.[0]?.text : ',';
        if (
          ts.isCallExpression(mapped) &&
          ts.isPropertyAccessExpression(mapped.expression) &&
          mapped.expression.name.text === 'map' &&
          separator !== undefined
        ) {
          const items = samples[relative]?.[mapped.expression.expression.getText(source)];
          const fn = mapped.arguments[0];
          if (items && fn && ts.isArrowFunction(fn) && !ts.isBlock(fn.body)) {
            const [item, index] = fn.parameters.map((p) => p.name.getText(source));
            const parts = items.map(
              (value, i) =>
                valuesOf(
                  fn.body as ts.Expression,
                  { ...env, ...(item ? { [item]: value } : {}), ...(index ? { [index]: String(i) } : {}) },
                  depth + 1,
                )?.[0]?.text,
            );
            if (parts.every((part) => part !== undefined)) return [{ text: parts.join(separator), choices: {} }];
          }
        }
      }
      if (ts.isTemplateExpression(expression)) {
        let variants: Variant[] = [{ text: expression.head.text, choices: {} }];
        for (const span of expression.templateSpans) {
          const values = valuesOf(span.expression, env, depth + 1);
          if (!values) {
            unresolved.push(`${relative}: \${${span.expression.getText(source)}}`);
            return null;
          }
          variants = variants.flatMap((before) =>
            values
              .filter((value) =>
                Object.entries(value.choices).every(
                  ([condition, branch]) => (before.choices[condition] ?? branch) === branch,
                ),
              )
              .map((value) => ({
                text: before.text + value.text + span.literal.text,
                choices: { ...before.choices, ...value.choices },
              })),
          );
        }
        return variants;
      }
      return null;
    };

    const seen = new Set<ts.Node>();
    const visit = (node: ts.Node) => {
      const literal =
        ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)
          ? node
          : null;
      // A template inside a gql tag is reached through its tag.
      if (literal && !seen.has(literal) && !(literal.parent && ts.isTaggedTemplateExpression(literal.parent))) {
        const head = ts.isTemplateExpression(literal) ? literal.head.text : literal.text;
        const fragment = FRAGMENT.exec(head)?.[1];
        if (fragment && !ts.isTemplateExpression(literal)) fragments.set(fragment, head);
        if (startsOperation(head, ts.isTemplateExpression(literal)))
          for (const { text } of valuesOf(literal) ?? []) operations.push({ file: relative, source: text });
      }
      if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'gql') {
        seen.add(node.template);
        const head = ts.isTemplateExpression(node.template) ? node.template.head.text : node.template.text;
        if (startsOperation(head, ts.isTemplateExpression(node.template)))
          for (const { text } of valuesOf(node) ?? []) operations.push({ file: relative, source: text });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { operations: operations.map((o) => ({ ...o, source: withFragments(o.source, fragments) })), unresolved };
}
