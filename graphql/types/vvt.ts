// BIO2's measures (public reference data, with their source and version) and an organisation's Verklaring van
// Toepasselijkheid: readable by its own members, and by partners as far as the organisation shares it (core/vvt.ts).
import { BIO2_SOURCE } from '#core/bio2.ts';
import type { Context } from '#core/context.ts';
import { readVvtShare, vvtFile } from '#core/exchange/vvt-exchange.ts';
import { mayReadVvt, type VvtProgress, type VvtShareSetting, vvtProgress } from '#core/vvt.ts';
import { builder } from '../builder.ts';
import { Bio2MeasureKind, Bio2Theme, VvtShareMode, VvtState } from './enums.ts';
import { Organisation } from './organisation.ts';

export const Bio2Measure = builder.prismaObject('Bio2Measure', {
  description: `A BIO2 government measure (source: ${BIO2_SOURCE.repository}, version ${BIO2_SOURCE.version}).`,
  fields: (t) => ({
    number: t.exposeString('number', { description: 'E.g. 5.01.01.' }),
    control: t.exposeString('control', { description: 'The ISO 27002:2022 control, e.g. 5.01.' }),
    theme: t.expose('theme', { type: Bio2Theme }),
    kind: t.expose('kind', { type: Bio2MeasureKind }),
    movedTo: t.exposeString('movedTo', { nullable: true, description: 'For a moved number: its new number.' }),
    text: t.exposeString('text', { nullable: true }),
  }),
});

const Bio2Source = builder.objectRef<typeof BIO2_SOURCE>('Bio2Source').implement({
  description: 'Where the BIO2 measures come from; name it wherever they are shown.',
  fields: (t) => ({
    name: t.exposeString('name'),
    repository: t.exposeString('repository'),
    url: t.exposeString('url'),
    version: t.exposeString('version'),
    status: t.exposeString('status'),
  }),
});

export const VvtStatement = builder.prismaObject('VvtStatement', {
  description: 'One line of an organisation’s statement of applicability (Verklaring van Toepasselijkheid).',
  fields: (t) => ({
    measure: t.relation('measure'),
    applies: t.exposeBoolean('applies', { nullable: true, description: 'Null until decided.' }),
    reason: t.exposeString('reason', {
      nullable: true,
      description: 'Why it applies, or for “not” the risk analysis it rests on.',
    }),
    state: t.expose('state', { type: VvtState }),
    owner: t.exposeString('owner', { nullable: true }),
    evidence: t.exposeString('evidence', { nullable: true, description: 'A link or a document reference.' }),
    reviewedOn: t.expose('reviewedOn', { type: 'Date', nullable: true, description: 'Date of the last review.' }),
    measureNumber: t.exposeString('measureNumber', { description: 'The measure’s number (without loading it).' }),
    revision: t.exposeInt('revision'),
  }),
});

const StateCounts = builder.objectRef<VvtProgress['byState']>('VvtStateCounts').implement({
  fields: (t) => ({
    notStarted: t.exposeInt('NIET_GESTART'),
    inProgress: t.exposeInt('IN_UITVOERING'),
    implemented: t.exposeInt('GEIMPLEMENTEERD'),
    tested: t.exposeInt('GETOETST'),
  }),
});

const Progress = builder.objectRef<VvtProgress & { theme: string | null }>('VvtProgress').implement({
  description: 'Lines of a statement per theme: undecided, not applicable, and applicable ones per state.',
  fields: (t) => ({
    theme: t.field({
      type: Bio2Theme,
      nullable: true,
      description: 'Null for all themes together.',
      resolve: (p) => p.theme as never,
    }),
    total: t.exposeInt('total'),
    undecided: t.exposeInt('undecided'),
    notApplicable: t.exposeInt('notApplicable'),
    byState: t.field({ type: StateCounts, resolve: (p) => p.byState }),
  }),
});

/** The organisation's share setting, read once per request and organisation. */
const shares = new WeakMap<Context, Map<string, Promise<VvtShareSetting>>>();
export function shareOf(ctx: Context, organisationId: string): Promise<VvtShareSetting> {
  let perRequest = shares.get(ctx);
  if (!perRequest) {
    perRequest = new Map();
    shares.set(ctx, perRequest);
  }
  let found = perRequest.get(organisationId);
  if (!found) {
    found = readVvtShare(ctx.db.prisma, organisationId);
    perRequest.set(organisationId, found);
  }
  return found;
}

const VvtShare = builder.objectRef<VvtShareSetting & { organisationId: string }>('VvtShare').implement({
  description: 'With whom the organisation shares its statement of applicability.',
  fields: (t) => ({
    mode: t.field({ type: VvtShareMode, resolve: (s) => s.mode }),
    partners: t.prismaField({
      type: ['Organisation'],
      description: 'The partners named for NAMED.',
      resolve: (query, s, _args, ctx) =>
        ctx.db.prisma.organisation.findMany({
          ...query,
          where: { id: { in: [...s.partnerIds] } },
          orderBy: { name: 'asc' },
        }),
    }),
  }),
});

builder.prismaObjectFields(Organisation, (t) => ({
  vvtReadable: t.boolean({
    description: 'Whether the viewer may read this organisation’s statement of applicability.',
    select: { id: true },
    resolve: async (org, _args, ctx) => mayReadVvt(ctx.viewer, org.id, await shareOf(ctx, org.id)),
  }),
  vvtStatements: t.prismaField({
    type: ['VvtStatement'],
    description: 'The statement of applicability’s lines, by measure number; empty for a viewer it is not shared with.',
    select: { id: true },
    resolve: async (query, org, _args, ctx) => {
      const readable = mayReadVvt(ctx.viewer, org.id, await shareOf(ctx, org.id));
      return ctx.db.prisma.vvtStatement.findMany({
        ...query,
        // Not shared with the viewer: no line (the empty `in` asks the database for nothing).
        where: readable ? { organisationId: org.id } : { id: { in: [] } },
        orderBy: { measure: { position: 'asc' } },
      });
    },
  }),
  vvtProgress: t.field({
    type: [Progress],
    nullable: true,
    description: 'Progress per theme, then all together; null for a viewer the statement is not shared with.',
    select: { id: true },
    resolve: async (org, _args, ctx) => {
      if (!mayReadVvt(ctx.viewer, org.id, await shareOf(ctx, org.id))) return null;
      const [measures, lines] = await Promise.all([
        ctx.db.prisma.bio2Measure.findMany({ select: { number: true, theme: true, kind: true } }),
        ctx.db.prisma.vvtStatement.findMany({
          where: { organisationId: org.id },
          select: { measureNumber: true, applies: true, state: true },
        }),
      ]);
      const { byTheme, all } = vvtProgress(measures, lines);
      return [...Object.entries(byTheme).map(([theme, p]) => ({ ...p, theme })), { ...all, theme: null }];
    },
  }),
  vvtCsv: t.string({
    nullable: true,
    description:
      'The statement as CSV (UTF-8 with BOM, semicolons; every measure with its line, revision and the BIO2 source); null for a viewer it is not shared with. The Excel workbook is the page’s download (vvt.xlsx).',
    select: { slug: true },
    resolve: async (org, _args, ctx) => {
      const file = await vvtFile(ctx.db, org.slug, 'csv', ctx.viewer);
      return typeof file === 'string' ? file : null;
    },
  }),
  vvtShare: t.field({
    type: VvtShare,
    nullable: true,
    description: 'The share setting; for the organisation’s own members only.',
    select: { id: true },
    resolve: async (org, _args, ctx) =>
      ctx.viewer?.organisationIds.includes(org.id) ? { ...(await shareOf(ctx, org.id)), organisationId: org.id } : null,
  }),
}));

builder.queryFields((t) => ({
  bio2Source: t.field({ type: Bio2Source, resolve: () => BIO2_SOURCE }),
  bio2Measures: t.prismaField({
    type: ['Bio2Measure'],
    description: 'BIO2’s numbered measures in the source’s order.',
    resolve: (query, _root, _args, ctx) =>
      ctx.db.prisma.bio2Measure.findMany({ ...query, orderBy: { position: 'asc' } }),
  }),
}));
