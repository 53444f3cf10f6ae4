// Reads content/ and checks it whole: every file against its schema, every reference against what exists.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { bio2Problems } from '#core/bio2.ts';
import { findCycle } from '#core/cycles.ts';
import { type GemmaViews, VIEW_FILES, viewProblems } from '#core/exchange/gemma-views.ts';
import { PROCESSING_TEMPLATES } from '#core/processing-templates.ts';
import { projectRoot } from '../database.ts';
import {
  bio2MeasureSchema,
  gemmaComponentSchema,
  gemmaComponentStandardSchema,
  gemmaExternalServiceSchema,
  gemmaFlowSchema,
  gemmaStandardSchema,
  gemmaViewNodeSchema,
  gemmaViewSchema,
  type LandscapeContent,
  landscapeSchema,
  type OrganisationContent,
  organisationSchema,
  type PlanContent,
  type ProductContent,
  type ProgrammeContent,
  planSchema,
  productSchema,
  programmeSchema,
  type RegisterContent,
  registerSchema,
  type SupplierContent,
  supplierSchema,
} from './schemas.ts';

export class ContentError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`content/ has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ContentError';
    this.problems = problems;
  }
}

export interface Content {
  gemma: {
    components: z.infer<typeof gemmaComponentSchema>[];
    standards: z.infer<typeof gemmaStandardSchema>[];
    componentStandards: z.infer<typeof gemmaComponentStandardSchema>[];
    flows: z.infer<typeof gemmaFlowSchema>[];
    externalServices: z.infer<typeof gemmaExternalServiceSchema>[];
    /** GEMMA's published views to plot a landscape on. */
    views: GemmaViews;
  };
  /** BIO2's government measures (content/bio2), in the file's order. */
  bio2: z.infer<typeof bio2MeasureSchema>[];
  organisations: OrganisationContent[];
  suppliers: SupplierContent[];
  products: ProductContent[];
  landscapes: LandscapeContent[];
  programmes: ProgrammeContent[];
  /** Migrations and available capacity per organisation. */
  plans: PlanContent[];
  /** Registers of processing activities per organisation. */
  registers: RegisterContent[];
}

export function loadContent(dir = path.join(projectRoot, 'content')): Content {
  const problems: string[] = [];
  const rel = (file: string) => path.relative(projectRoot, file);

  function validate<T>(file: string, schema: z.ZodType<T>, value: unknown, where = ''): T | undefined {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues)
      problems.push(`${rel(file)}${where}${issue.path.length ? ` ${issue.path.join('.')}` : ''}: ${issue.message}`);
    return undefined;
  }
  function yamlList<T>(name: string, schema: z.ZodType<T>): T[] {
    const file = path.join(dir, name);
    const data = parseYaml(readFileSync(file, 'utf8')) as unknown;
    if (!Array.isArray(data)) {
      problems.push(`${rel(file)}: expected a list`);
      return [];
    }
    return data.flatMap((item, i) => validate(file, schema, item, ` [${i}]`) ?? []);
  }
  function csv<T>(name: string, schema: z.ZodType<T>, folder = 'gemma'): T[] {
    const file = path.join(dir, folder, name);
    const rows = parseCsv(readFileSync(file, 'utf8'), {
      columns: true,
      skip_empty_lines: true,
      bom: true,
    }) as unknown[];
    // Line numbers count the header as line 1; multi-line fields make this approximate, the row number is exact.
    return rows.flatMap((row, i) => validate(file, schema, row, ` row ${i + 1}`) ?? []);
  }

  const gemma = {
    components: csv('referentiecomponenten.csv', gemmaComponentSchema),
    standards: csv('standaarden.csv', gemmaStandardSchema),
    componentStandards: csv('referentiecomponent-standaarden.csv', gemmaComponentStandardSchema),
    flows: csv('referentiecomponent-stromen.csv', gemmaFlowSchema),
    externalServices: csv('buitengemeentelijke-voorzieningen.csv', gemmaExternalServiceSchema),
    views: { views: csv(VIEW_FILES.views, gemmaViewSchema), nodes: csv(VIEW_FILES.nodes, gemmaViewNodeSchema) },
  };
  const bio2 = csv('overheidsmaatregelen.csv', bio2MeasureSchema, 'bio2');
  for (const p of bio2Problems(bio2)) problems.push(`content/bio2/overheidsmaatregelen.csv ${p}`);
  for (const p of viewProblems(gemma.views)) problems.push(`content/gemma/${p.file} row ${p.row}: ${p.message}`);
  const organisations = yamlList('organisations.yaml', organisationSchema);
  const suppliers = yamlList('suppliers.yaml', supplierSchema);
  const products = yamlList('products.yaml', productSchema);
  function yamlDir<T>(name: string, schema: z.ZodType<T>): T[] {
    const folder = path.join(dir, name);
    return (existsSync(folder) ? readdirSync(folder) : [])
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .flatMap((f) => {
        const file = path.join(folder, f);
        return validate(file, schema, parseYaml(readFileSync(file, 'utf8'))) ?? [];
      });
  }
  const landscapes = yamlDir('landscapes', landscapeSchema);
  const programmes = existsSync(path.join(dir, 'programmes.yaml')) ? yamlList('programmes.yaml', programmeSchema) : [];
  const plans = yamlDir('plans', planSchema);
  const registers = yamlDir('registers', registerSchema);

  // Cross-references: everything named must exist, and keys must be unique where the database needs them to be.
  const componentIds = new Set(gemma.components.map((c) => c.id));
  const componentNames = new Set(gemma.components.map((c) => c.naam));
  const standardIds = new Set(gemma.standards.map((s) => s.id));
  const standardNames = new Set(gemma.standards.map((s) => s.naam));
  const serviceNames = new Set(gemma.externalServices.map((s) => s.naam));
  const orgSlugs = new Set(organisations.map((o) => o.slug));
  const supplierSlugs = new Set(suppliers.map((s) => s.slug));
  const productBySlug = new Map(products.map((p) => [p.slug, p]));

  const duplicates = (what: string, values: string[]) => {
    const seen = new Set<string>();
    for (const v of values) {
      if (seen.has(v)) problems.push(`${what} "${v}" appears more than once`);
      seen.add(v);
    }
  };
  duplicates(
    'organisation',
    organisations.map((o) => o.slug),
  );
  duplicates(
    'supplier',
    suppliers.map((s) => s.slug),
  );
  duplicates(
    'product',
    products.map((p) => p.slug),
  );

  for (const link of gemma.componentStandards) {
    if (!componentIds.has(link.referentiecomponent_id))
      problems.push(
        `content/gemma/referentiecomponent-standaarden.csv: unknown reference component ${link.referentiecomponent_id}`,
      );
    if (!standardIds.has(link.standaard_id))
      problems.push(`content/gemma/referentiecomponent-standaarden.csv: unknown standard ${link.standaard_id}`);
  }
  for (const flow of gemma.flows) {
    for (const id of [flow.bron_id, flow.doel_id])
      if (!componentIds.has(id))
        problems.push(`content/gemma/referentiecomponent-stromen.csv: unknown reference component ${id}`);
  }
  for (const org of organisations)
    for (const m of org.members ?? [])
      if (!orgSlugs.has(m)) problems.push(`content/organisations.yaml ${org.slug}: unknown member "${m}"`);
  for (const p of products) {
    const where = `content/products.yaml ${p.slug}`;
    if (!supplierSlugs.has(p.supplier)) problems.push(`${where}: unknown supplier "${p.supplier}"`);
    for (const c of p.referenceComponents)
      if (!componentNames.has(c)) problems.push(`${where}: unknown reference component "${c}"`);
    for (const s of p.standards ?? []) if (!standardNames.has(s)) problems.push(`${where}: unknown standard "${s}"`);
  }
  for (const l of landscapes) {
    const where = `content/landscapes (${l.organisation})`;
    if (!orgSlugs.has(l.organisation)) problems.push(`${where}: unknown organisation "${l.organisation}"`);
    duplicates(
      `${where} usage`,
      l.usages.map((u) => u.key),
    );
    duplicates(
      `${where} interface`,
      l.interfaces.map((i) => i.key),
    );
    const usageKeys = new Set(l.usages.map((u) => u.key));
    for (const u of l.usages) {
      const product = productBySlug.get(u.product);
      if (!product) problems.push(`${where} ${u.key}: unknown product "${u.product}"`);
      else if (u.version && !(product.versions ?? []).includes(u.version))
        problems.push(`${where} ${u.key}: product ${u.product} has no version "${u.version}"`);
      for (const c of u.referenceComponents ?? [])
        if (!componentNames.has(c)) problems.push(`${where} ${u.key}: unknown reference component "${c}"`);
      for (const o of [u.operator, ...(u.members ?? [])])
        if (o && !orgSlugs.has(o)) problems.push(`${where} ${u.key}: unknown organisation "${o}"`);
    }
    for (const i of l.interfaces) {
      for (const k of [i.from, i.usage, i.via])
        if (k && !usageKeys.has(k)) problems.push(`${where} koppeling ${i.key}: unknown usage "${k}"`);
      if (i.external && !serviceNames.has(i.external))
        problems.push(`${where} koppeling ${i.key}: unknown external service "${i.external}"`);
      for (const s of i.standards ?? [])
        if (!standardNames.has(s)) problems.push(`${where} koppeling ${i.key}: unknown standard "${s}"`);
    }
  }
  duplicates(
    'programme',
    programmes.map((p) => p.slug),
  );
  for (const p of programmes)
    for (const o of p.owners)
      if (!orgSlugs.has(o)) problems.push(`content/programmes.yaml ${p.slug}: unknown organisation "${o}"`);
  const programmeSlugs = new Set(programmes.map((p) => p.slug));
  duplicates(
    'plan for organisation',
    plans.map((p) => p.organisation),
  );
  for (const plan of plans) {
    const where = `content/plans (${plan.organisation})`;
    if (!orgSlugs.has(plan.organisation)) problems.push(`${where}: unknown organisation "${plan.organisation}"`);
    const usageKeys = new Set(
      landscapes.find((l) => l.organisation === plan.organisation)?.usages.map((u) => u.key) ?? [],
    );
    const migrationKeys = new Set(plan.migrations.map((m) => m.key));
    duplicates(
      `${where} migration`,
      plan.migrations.map((m) => m.key),
    );
    for (const m of plan.migrations) {
      if (m.programme && !programmeSlugs.has(m.programme))
        problems.push(`${where} ${m.key}: unknown programme "${m.programme}"`);
      if (!productBySlug.has(m.target)) problems.push(`${where} ${m.key}: unknown product "${m.target}"`);
      for (const k of [...m.replaces, ...(m.targetUsage ? [m.targetUsage] : [])])
        if (!usageKeys.has(k)) problems.push(`${where} ${m.key}: unknown usage "${k}"`);
      for (const k of m.dependsOn)
        if (!migrationKeys.has(k)) problems.push(`${where} ${m.key}: unknown migration "${k}"`);
    }
    const cycle = findCycle(plan.migrations.flatMap((m) => m.dependsOn.map((to) => ({ from: m.key, to }))));
    if (cycle) problems.push(`${where}: migrations depend on each other in a circle: ${cycle.join(' -> ')}`);
    for (const c of plan.capacity)
      if (c.from > c.to) problems.push(`${where} capacity ${c.role}: "from" ${c.from} is after "to" ${c.to}`);
  }
  problems.push(...registerProblems(registers, landscapes, bio2));
  if (problems.length) throw new ContentError(problems);
  return { gemma, bio2, organisations, suppliers, products, landscapes, programmes, plans, registers };
}

/** Every usage, BIO2 measure and template a register names must exist; activity names are unique per register. */
function registerProblems(
  registers: RegisterContent[],
  landscapes: LandscapeContent[],
  bio2: z.infer<typeof bio2MeasureSchema>[],
): string[] {
  const problems: string[] = [];
  const measures = new Set(bio2.filter((m) => m.soort !== 'verplaatst').map((m) => m.nummer));
  const templates = new Set(PROCESSING_TEMPLATES.map((t) => t.id));
  const seen = new Set<string>();
  for (const r of registers) {
    const where = `content/registers (${r.organisation})`;
    if (seen.has(r.organisation)) problems.push(`${where}: a second register for this organisation`);
    seen.add(r.organisation);
    const usageKeys = new Set(landscapes.find((l) => l.organisation === r.organisation)?.usages.map((u) => u.key));
    const names = new Set<string>();
    for (const a of r.activities) {
      if (names.has(a.name)) problems.push(`${where}: duplicate activity "${a.name}"`);
      names.add(a.name);
      for (const k of a.usages) if (!usageKeys.has(k)) problems.push(`${where} ${a.name}: unknown usage "${k}"`);
      for (const m of a.measures)
        if (!measures.has(m)) problems.push(`${where} ${a.name}: unknown BIO2 measure "${m}"`);
      if (a.template && !templates.has(a.template))
        problems.push(`${where} ${a.name}: unknown template "${a.template}"`);
    }
  }
  return problems;
}
