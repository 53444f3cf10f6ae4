// Templates for the register of processing activities: per GEMMA reference component a default activity, curated in
// content/processing-templates/*.yaml and read once at load. An organisation adopts one (a prefilled activity linked
// to its usages that realise the component) and then adapts it; templates that fit its landscape are offered first.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { projectRoot } from '#prisma/database.ts';
import { LegalGround, ProcessingRole, SpecialCategoryException } from '#prisma/generated/sqlite/client/enums.ts';
import { ITEM_MAX, NAME_MAX, TEXT_MAX } from './processing.ts';

const item = z.string().min(1).max(ITEM_MAX);

/** One template file. */
export const processingTemplateSchema = z
  .strictObject({
    /** The activity's name as adopted (also unique among the templates). */
    name: z.string().min(1).max(NAME_MAX),
    /** The GEMMA reference component the activity typically runs on, by its GEMMA object id and name. */
    component: z.strictObject({
      id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'GEMMA object id'),
      name: z.string().min(1),
    }),
    purpose: z.string().min(1).max(TEXT_MAX),
    legalGround: z.enum(LegalGround),
    specialCategories: z.boolean().default(false),
    specialException: z.enum(SpecialCategoryException).optional(),
    criminalData: z.boolean().default(false),
    dataSubjects: z.array(item).min(1),
    personalData: z.array(item).min(1),
    retention: z.string().min(1).max(TEXT_MAX),
    recipients: z.array(item).default([]),
    role: z.enum(ProcessingRole).default('CONTROLLER'),
    /** BIO2 measure numbers (content/bio2) that typically secure it. */
    measures: z.array(z.string().regex(/^\d\.\d{2}\.\d{2}$/, 'een BIO2-nummer als 5.12.01')).default([]),
  })
  .refine((t) => t.specialCategories === Boolean(t.specialException), {
    message: 'specialException hoort bij, en alleen bij, specialCategories: true',
  });

export type ProcessingTemplate = z.infer<typeof processingTemplateSchema> & { id: string };

export const TEMPLATES_DIR = path.join(projectRoot, 'content', 'processing-templates');

/** Every template file of `dir`, by file name (the template's id), sorted; a file that does not fit the schema throws. */
export function readProcessingTemplates(dir = TEMPLATES_DIR): ProcessingTemplate[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const parsed = processingTemplateSchema.safeParse(parse(readFileSync(path.join(dir, file), 'utf8')));
      if (!parsed.success)
        throw new Error(`content/processing-templates/${file}: ${z.prettifyError(parsed.error).replace(/\n/g, ' ')}`);
      return { id: file.replace(/\.yaml$/, ''), ...parsed.data };
    });
}

/** The curated templates. */
export const PROCESSING_TEMPLATES: readonly ProcessingTemplate[] = readProcessingTemplates();

/** A template beside an organisation's landscape: the usages that realise its component. */
export interface TemplateFit<U> {
  template: ProcessingTemplate;
  usages: U[];
}

/**
 * The templates for one landscape: those whose component one of `usages` realises first (with those usages), then
 * the rest, each group by name.
 */
export function templatesForLandscape<U extends { componentIds: readonly string[] }>(
  templates: readonly ProcessingTemplate[],
  usages: readonly U[],
): TemplateFit<U>[] {
  const fits = templates.map((template) => ({
    template,
    usages: usages.filter((u) => u.componentIds.includes(template.component.id)),
  }));
  const byName = (a: TemplateFit<U>, b: TemplateFit<U>) => a.template.name.localeCompare(b.template.name, 'nl');
  return [...fits.filter((f) => f.usages.length).sort(byName), ...fits.filter((f) => !f.usages.length).sort(byName)];
}
