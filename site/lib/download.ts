// Downloads of the files the exchange formats write (core/exchange/downloads.ts), sent as they are: from the writer to
// the response, outside the GraphQL answer cache. The access rule is the API's: readers only (core/privacy.ts), with
// the same refusal; file names, content types and headers are those the pages have always sent.
import type { APIRoute } from 'astro';
import type { Context } from '#core/context.ts';
import { todayIso } from '#core/dates.ts';
import { MAX_COMPARED } from '#core/exchange/ameff.ts';
import {
  comparisonFile,
  gemmaFile,
  type LandscapeFormat,
  landscapeFile,
  landscapePlateauFile,
  type ViewFormat,
  viewFile,
} from '#core/exchange/downloads.ts';
import { type RegisterFormat, registerFile } from '#core/exchange/processing-register.ts';
import { type VvtFormat, vvtFile } from '#core/exchange/vvt-exchange.ts';
import { parseDay } from '#core/landscape-at.ts';
import { mayRead } from '#core/privacy.ts';
import { refusedReadMessage } from '#graphql/builder.ts';
import { viewChoice } from './gemma-view-page.ts';
import { requestContext } from './hub.ts';
import { routes } from './routes.ts';

const XML = 'application/xml; charset=utf-8';

/** Content type and the file name's end per landscape format. */
export const LANDSCAPE_DOWNLOADS: Record<LandscapeFormat, { contentType: string; suffix: string }> = {
  ameff: { contentType: XML, suffix: 'archimate.xml' },
  usagesCsv: { contentType: 'text/csv; charset=utf-8', suffix: 'gebruik.csv' },
  usagesXlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    suffix: 'gebruik.xlsx',
  },
  interfacesCsv: { contentType: 'text/csv; charset=utf-8', suffix: 'koppelingen.csv' },
  contentYaml: { contentType: 'application/yaml; charset=utf-8', suffix: 'landschap.yaml' },
};

const plain = (status: number, message: string) =>
  new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
const attachment = (body: string | Uint8Array, contentType: string, fileName: string) =>
  new Response(body as BodyInit, {
    headers: { 'content-type': contentType, 'content-disposition': `attachment; filename="${fileName}"` },
  });

/** The API's refusal of a read (the `reader` scope): anonymous visitors and accounts without a membership. */
const refusal = (context: Context) => (mayRead(context.viewer) ? null : plain(403, refusedReadMessage(context.viewer)));

/** One organisation's landscape as a file. */
export async function landscapeDownload(context: Context, slug: string, format: LandscapeFormat): Promise<Response> {
  const refused = refusal(context);
  if (refused) return refused;
  const body = await landscapeFile(context.db, slug, format, context.viewer);
  if (body === null) return plain(404, 'Deze organisatie bestaat niet.');
  const { contentType, suffix } = LANDSCAPE_DOWNLOADS[format];
  return attachment(body, contentType, `grondplan-${slug}-${suffix}`);
}

/** Content type and the file name's end per format of the register of processing activities. */
export const REGISTER_DOWNLOADS: Record<RegisterFormat, { contentType: string; suffix: string }> = {
  registerCsv: { contentType: 'text/csv; charset=utf-8', suffix: 'verwerkingen.csv' },
  registerXlsx: { contentType: LANDSCAPE_DOWNLOADS.usagesXlsx.contentType, suffix: 'verwerkingen.xlsx' },
};

/**
 * The route of an organisation's register of processing activities in `format`: its members get the activities,
 * other readers the header alone (as the API answers them an empty register).
 */
export function registerDownload(format: RegisterFormat): APIRoute {
  return async ({ params, locals }) => {
    const context = await requestContext(locals.viewer);
    const refused = refusal(context);
    if (refused) return refused;
    const slug = params.slug ?? '';
    const body = await registerFile(context.db, slug, format, context.viewer);
    if (body === null) return plain(404, 'Deze organisatie bestaat niet.');
    const { contentType, suffix } = REGISTER_DOWNLOADS[format];
    return attachment(body, contentType, `grondplan-${slug}-${suffix}`);
  };
}

/** The `?datum=` of an ArchiMate download: absent, a day, or a refusal saying what is wrong. */
const dayOf = (text: string | null): { day?: Date; refused?: Response } => {
  if (!text) return {};
  const day = parseDay(text);
  return day
    ? { day }
    : { refused: plain(400, `"${text}" is geen geldige datum: gebruik JJJJ-MM-DD, bijvoorbeeld 2027-07-01.`) };
};

/** One organisation's landscape as an ArchiMate file; with `?datum=` the landscape of that day as a plateau. */
export async function archimateDownload(context: Context, slug: string, datum: string | null): Promise<Response> {
  if (!datum) return landscapeDownload(context, slug, 'ameff');
  const { day, refused } = dayOf(datum);
  const denied = refusal(context) ?? refused;
  if (denied || !day) return denied ?? plain(400, 'Geen datum.');
  const body = await landscapePlateauFile(context.db, slug, day);
  if (body === null) return plain(404, 'Deze organisatie bestaat niet.');
  return attachment(body, XML, `grondplan-${slug}-${datum}-archimate.xml`);
}

/** Several landscapes side by side as one ArchiMate file (`?org=` once per organisation, `?datum=` for a day). */
export async function comparisonDownload(
  context: Context,
  organisations: string[],
  datum: string | null = null,
): Promise<Response> {
  const refused = refusal(context);
  if (refused) return refused;
  const slugs = [...new Set(organisations)];
  if (slugs.length === 0 || slugs.length > MAX_COMPARED)
    return plain(400, `Kies 1 tot ${MAX_COMPARED} organisaties (?org=...).`);
  const { day, refused: wrongDay } = dayOf(datum);
  if (wrongDay) return wrongDay;
  const body = await comparisonFile(context.db, slugs, day);
  if (body === null) return plain(404, 'Een van de organisaties bestaat niet.');
  const on = day ? `-${datum}` : '';
  return attachment(body, XML, `grondplan-vergelijking-${[...slugs].sort().join('-')}${on}-archimate.xml`);
}

/** The GEMMA model as an ArchiMate file. */
export async function gemmaDownload(context: Context): Promise<Response> {
  return refusal(context) ?? attachment(await gemmaFile(context.db), XML, 'grondplan-gemma-archimate.xml');
}

/** The route of an organisation's download in `format` (site/pages/organisaties/[slug]/<file>.ts). */
export function organisationDownload(format: LandscapeFormat): APIRoute {
  return async ({ params, locals }) =>
    landscapeDownload(await requestContext(locals.viewer), params.slug ?? '', format);
}

const VIEW_TYPES: Record<ViewFormat, string> = { svg: 'image/svg+xml; charset=utf-8', png: 'image/png' };

/** A landscape on a GEMMA view as SVG or PNG, with the page's choices (`kleur`, `groep`, `met`). */
export async function viewDownload(
  context: Context,
  slug: string,
  code: string,
  params: URLSearchParams,
  format: ViewFormat,
): Promise<Response> {
  const refused = refusal(context);
  if (refused) return refused;
  const choice = viewChoice(params, slug, todayIso());
  if (choice.dayAsked.error) return plain(400, choice.dayAsked.error);
  const body = await viewFile(
    context.db,
    {
      code,
      slugs: [slug, ...choice.others],
      colourBy: choice.colourBy,
      group: choice.group,
      day: parseDay(choice.datum),
      hrefOf: (organisation, key) => routes.usage(organisation, key),
    },
    format,
  );
  if (body === null) return plain(404, 'Deze plaat of een van de organisaties bestaat niet.');
  const group = `${choice.group ? `-${choice.group}` : ''}${choice.datum ? `-${choice.datum}` : ''}`;
  const others = choice.others.length ? `-met-${choice.others.join('-')}` : '';
  return attachment(body, VIEW_TYPES[format], `grondplan-${slug}-${code.toLowerCase()}${others}${group}.${format}`);
}

/** The route of a drawing's download in `format` (site/pages/organisaties/[slug]/platen/[code].<format>.ts). */
export function organisationViewDownload(format: ViewFormat): APIRoute {
  return async ({ params, locals, url }) =>
    viewDownload(await requestContext(locals.viewer), params.slug ?? '', params.code ?? '', url.searchParams, format);
}

const VVT_TYPES: Record<VvtFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: LANDSCAPE_DOWNLOADS.usagesXlsx.contentType,
};

/** An organisation's statement of applicability as a file, for those who may read it (core/vvt.ts mayReadVvt). */
export async function vvtDownload(context: Context, slug: string, format: VvtFormat): Promise<Response> {
  const refused = refusal(context);
  if (refused) return refused;
  const body = await vvtFile(context.db, slug, format, context.viewer);
  if (body === 'not-found') return plain(404, 'Deze organisatie bestaat niet.');
  if (body === 'refused')
    return plain(403, 'De verklaring van toepasselijkheid van deze organisatie is niet met je gedeeld.');
  return attachment(body, VVT_TYPES[format], `grondplan-${slug}-verklaring-van-toepasselijkheid.${format}`);
}

/** The route of a statement's download (site/pages/organisaties/[slug]/vvt.<format>.ts). */
export function organisationVvtDownload(format: VvtFormat): APIRoute {
  return async ({ params, locals }) => vvtDownload(await requestContext(locals.viewer), params.slug ?? '', format);
}
