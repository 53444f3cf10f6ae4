// Sentinels for the private-data tests: a unique, recognisable value in every private field of every usage of every
// organisation, audit events that carry such values (changed through the API by members), and people whose
// addresses and names must not reach other organisations. `findSentinels` says which of them a text contains.
import { encodeGlobalID } from '@pothos/plugin-relay';
import ExcelJS from 'exceljs';
import { openSession } from '#core/auth.ts';
import type { Role } from '#core/context.ts';
import { PRIVATE_FIELDS } from '#core/privacy.ts';
import { DPIA_CRITERIA } from '#core/usage-security.ts';
import { addUser } from '#core/users.ts';
import { createGraphQLServer } from '#graphql/yoga.ts';
import type { Database } from '#prisma/client.ts';
import { minimalPdf } from './evidence-files.ts';
import { graphqlClient } from './graphql.ts';
import { createUser, type TestUser } from './users.ts';

/** Yearly costs start here (the API takes at most a billion): nothing else in the hub looks like them. */
const COST_BASE = 987_000_000;
/** Contract end dates fall in 2097 and 2098 (the API takes dates up to 2100); no sample date is that late. */
const DATE_BASE = Date.UTC(2097, 0, 1);
const DAY = 86_400_000;

const costOf = (n: number) => COST_BASE + n;
const noteOf = (n: number) => `SENTINEL-NOTE-${n}`;
const dateOf = (n: number) => new Date(DATE_BASE + n * DAY);
/** People whose e-mail addresses and names belong to their own organisation. */
const personOf = (kind: 'editor' | 'admin' | 'invited' | 'cli', slug: string) =>
  `sentinel-${kind}-${slug}@people.example`;
/** An organisation's identity provider: its client id, issuer host and group names; and its secret. */
const providerOf = (slug: string) => `sentinel-idp-${slug}`;
export const providerSecretOf = (slug: string) => `SENTINEL-SECRET-${slug}`;

/**
 * A pentest state and the EDPB criteria cannot hold a unique value: every usage gets the same ones, found by their API
 * names (FINDINGS_OPEN, and FINDINGS_RESOLVED through the API) and by their Dutch labels on the pages. The last
 * criterion stands for the list; "van 9 criteria" is the DPIA count the usage page shows.
 */
const PENTEST_SENTINEL = 'FINDINGS_OPEN';

const PATTERNS: RegExp[] = [
  /\bFINDINGS_(OPEN|RESOLVED)\b/g,
  /Bevindingen (open|opgelost)/g,
  /\bPREVENTS_RIGHTS\b/g,
  /Verhindert de uitoefening/g,
  /\d van 9 criteria/g,
  /SENTINEL-NOTE-\d+/g,
  // Costs as digits, and as the pages write them (987.000.012); not inside a hex id (GEMMA's node ids have "f98734214481").
  /(?<![0-9a-f])987\d{6}(?![0-9a-f])/g,
  /987\.\d{3}\.\d{3}/g,
  // Dates as ISO text, and as the pages write them (3 februari 2097).
  /209[78]-\d\d-\d\d/g,
  /\d{1,2} [a-z]+ 209[78]/g,
  // People: their address, or the name made from it; and an organisation's identity provider (issuer, client id, its
  // role mapping), which is for that organisation and instance administrators; and the note of an organisation's
  // attestation (sentinel-attest-...), which is for the same readers.
  /sentinel-(editor|admin|invited|cli|idp|attest)-[a-z0-9-]+/g,
  // An identity provider's client secret: write-only, for nobody.
  /SENTINEL-SECRET-[a-z0-9-]+/g,
  // Sessions: the browser and the address an editor signed in with (their own to see, nobody else's).
  /SENTINEL-UA-[a-z0-9-]+/g,
  /2001:db8:5e27:[0-9a-f:]+/g,
  // A statement of applicability's reason, owner and evidence: the organisation's own unless it shares.
  /SENTINEL-VVT-[A-Z]+-[a-z0-9-]+/g,
  // An evidence document's title, issuer, scope, file name and the text inside its file; and a document's link.
  /SENTINEL-EVIDENCE-[A-Z]+-[a-z0-9-]+/g,
  /sentinel-evidence-link-[a-z0-9-]+/g,
  // An activity of the register of processing activities: the organisation's own.
  /SENTINEL-AVG-[A-Z]+-[a-z0-9-]+/g,
];

/**
 * Two evidence documents of the organisation on the product of its first usage, through the API (a multipart upload):
 * a PDF whose title, issuer, scope, file name and text are sentinels, valid in 2097-2098, and one with a sentinel link;
 * both OWN, or NAMED with `sharedWith`.
 */
async function plantEvidence(db: Database, token: string, slug: string, product: string, sharedWith: string[] | null) {
  const visibility = sharedWith ? { visibility: 'NAMED', partners: sharedWith } : { visibility: 'OWN' };
  const documents = [
    {
      input: {
        kind: 'ISO27001',
        title: `SENTINEL-EVIDENCE-TITLE-${slug}`,
        issuer: `SENTINEL-EVIDENCE-ISSUER-${slug}`,
        scope: `SENTINEL-EVIDENCE-SCOPE-${slug}`,
        validFrom: '2097-01-01',
        validUntil: '2098-06-30',
      },
      file: new File([minimalPdf(`SENTINEL-EVIDENCE-FILE-${slug}`)], `SENTINEL-EVIDENCE-NAME-${slug}.pdf`),
    },
    {
      input: {
        kind: 'TPM',
        title: `SENTINEL-EVIDENCE-LINKED-${slug}`,
        link: `https://sentinel-evidence-link-${slug}.example/tpm`,
      },
      file: null,
    },
  ];
  for (const { input, file } of documents) {
    const body = new FormData();
    body.set(
      'operations',
      JSON.stringify({
        query:
          'mutation($input: CreateEvidenceInput!) { createEvidence(input: $input) { __typename ... on Error { message } } }',
        variables: { input: { organisation: slug, product, ...input, ...visibility, file: null } },
      }),
    );
    body.set('map', JSON.stringify(file ? { 0: ['variables.input.file'] } : {}));
    if (file) body.set('0', file);
    const response = await createGraphQLServer(db).fetch('http://grondplan.test/graphql', {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${token}` },
    });
    const answer = await response.text();
    if (!answer.includes('CreateEvidenceSuccess')) throw new Error(`Planting failed: ${answer}`);
  }
}

/**
 * An activity of the organisation's register of processing activities with a sentinel in every text field (its
 * choices, measures and usages cannot hold a unique value; the text fields go wherever a row goes).
 */
async function plantActivity(gql: ReturnType<typeof graphqlClient>, slug: string, usageId: string | undefined) {
  const s = (field: string) => `SENTINEL-AVG-${field}-${slug}`;
  const written = await gql(
    'mutation($input: CreateProcessingActivityInput!) { createProcessingActivity(input: $input) { __typename } }',
    {
      input: {
        organisation: slug,
        name: s('NAME'),
        purpose: s('PURPOSE'),
        legalGround: 'PUBLIC_TASK',
        specialCategories: true,
        specialException: 'H',
        criminalData: false,
        dataSubjects: [s('SUBJECTS')],
        personalData: [s('DATA')],
        retention: s('RETENTION'),
        recipients: [s('RECIPIENTS')],
        role: 'CONTROLLER',
        measures: ['5.12.01'],
        usages: usageId ? [encodeGlobalID('Usage', usageId)] : [],
      },
    },
  );
  if (!JSON.stringify(written).includes('CreateProcessingActivitySuccess'))
    throw new Error(`Planting failed: ${JSON.stringify(written)}`);
}

/** One line of the organisation's statement of applicability with sentinels in reason, owner and evidence. */
async function plantStatement(gql: ReturnType<typeof graphqlClient>, slug: string, sharedWith: string[] | null) {
  const written = await gql(
    'mutation($input: SetVvtStatementInput!) { setVvtStatement(input: $input) { __typename } }',
    {
      input: {
        organisation: slug,
        measure: '5.06.01',
        applies: false,
        state: 'NIET_GESTART',
        reason: `SENTINEL-VVT-REASON-${slug}`,
        owner: `SENTINEL-VVT-OWNER-${slug}`,
        evidence: `SENTINEL-VVT-EVIDENCE-${slug}`,
      },
    },
  );
  if (!JSON.stringify(written).includes('SetVvtStatementSuccess'))
    throw new Error(`Planting failed: ${JSON.stringify(written)}`);
  if (!sharedWith) return;
  const shared = await gql(
    'mutation($o: String!, $p: [String!]) { setVvtShare(organisation: $o, mode: NAMED, partners: $p) { __typename } }',
    { o: slug, p: sharedWith },
  );
  if (!JSON.stringify(shared).includes('SetVvtShareSuccess'))
    throw new Error(`Planting failed: ${JSON.stringify(shared)}`);
}

/** A session's User-Agent and address that only its own user may see. */
export const sessionSentinel = (slug: string, n: number) => ({
  userAgent: `Mozilla/5.0 (X11; Linux x86_64) SENTINEL-UA-${slug}`,
  address: `2001:db8:5e27:${n.toString(16)}::1`,
});

/** Every sentinel the text holds (empty when it holds none). */
export function findSentinels(text: string): string[] {
  return PATTERNS.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => m[0]));
}

/** The text of an .xlsx workbook (every cell of every sheet), so sentinels in an Excel export are found too. */
export async function workbookText(bytes: Uint8Array): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const cells: string[] = [];
  for (const sheet of workbook.worksheets)
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))));
  return cells.join('\n');
}

/** Text to scan: a base64 .xlsx (a zip: "UEsDB") is opened and its cells read. */
export async function scannable(text: string): Promise<string> {
  const parts = [text];
  for (const match of text.matchAll(/"(UEsDB[A-Za-z0-9+/=]+)"/g))
    parts.push(await workbookText(Buffer.from(match[1] ?? '', 'base64')));
  return parts.join('\n');
}

export interface Planted {
  /** Every organisation, with the usages and koppelingen to fill arguments from. */
  organisations: {
    id: string;
    slug: string;
    name: string;
    usages: { id: string; key: string; product: string }[];
    interfaces: string[];
  }[];
  /** Per organisation that has a landscape: an editor whose changes to private fields are in the audit trail. */
  editors: Map<string, TestUser>;
  /** A member (VIEWER) of an organisation that holds no landscape: every sentinel is another organisation's. */
  outsider: TestUser;
  /** Signed in, but a member of no organisation. */
  memberless: TestUser;
  instanceAdmin: TestUser;
}

/**
 * Plants the sentinels. Private fields of every usage first (straight in the database), then, through the API as
 * members, a change of each organisation's first usage's private fields, and membership changes with their
 * addresses and roles; and a user added on the command line. All of it lands in the audit trail.
 */
export async function plantSentinels(db: Database): Promise<Planted> {
  const organisations = await db.prisma.organisation.findMany({
    orderBy: { slug: 'asc' },
    select: {
      id: true,
      slug: true,
      name: true,
      usages: { orderBy: { key: 'asc' }, select: { id: true, key: true, product: { select: { name: true } } } },
      interfaces: { orderBy: { key: 'asc' }, select: { key: true } },
    },
  });
  let n = 0;
  await db.prisma.$transaction(async (tx) => {
    for (const org of organisations)
      for (const usage of org.usages) {
        await tx.usage.update({
          where: { id: usage.id },
          data: {
            yearlyCost: costOf(n),
            internalNote: noteOf(n),
            contractEndsOn: dateOf(n),
            riskAssessmentDate: dateOf(n + 1),
            pentestDate: dateOf(n + 2),
            pentestState: PENTEST_SENTINEL,
            dpiaCriteria: DPIA_CRITERIA.join(','),
          },
        });
        n += 1;
      }
  });
  // The declaration and the planting go together: a private field added without a sentinel would go unchecked.
  if (
    PRIVATE_FIELDS.Usage.fields.join() !==
    'contractEndsOn,yearlyCost,internalNote,riskAssessmentDate,pentestDate,pentestState,dpiaCriteria'
  )
    throw new Error(`Plant a sentinel in every private usage field: ${PRIVATE_FIELDS.Usage.fields.join(', ')}`);
  if (PRIVATE_FIELDS.VvtStatement.fields.join() !== 'applies,reason,state,owner,evidence,reviewedOn')
    throw new Error(
      `Plant a sentinel in every private statement field: ${PRIVATE_FIELDS.VvtStatement.fields.join(', ')}`,
    );
  if (
    PRIVATE_FIELDS.Evidence.fields.join() !==
    'evidenceKind,title,evidenceIssuer,evidenceScope,validFrom,validUntil,link,fileName,sha256,visibility,partners'
  )
    throw new Error(`Plant a sentinel in every private evidence field: ${PRIVATE_FIELDS.Evidence.fields.join(', ')}`);

  if (
    PRIVATE_FIELDS.ProcessingActivity.fields.join() !==
    'name,purpose,legalGround,specialCategories,specialException,criminalData,dataSubjects,personalData,retention,recipients,role,templateId,measures,usages'
  )
    throw new Error(`Plant a sentinel in every private activity field: ${PRIVATE_FIELDS.ProcessingActivity.fields}`);

  const editors = new Map<string, TestUser>();
  const member = (email: string, organisation: string, role: Role) => createUser(db, email, [{ organisation, role }]);
  for (const org of organisations.filter((o) => o.usages.length > 0)) {
    const editor = await member(personOf('editor', org.slug), org.slug, 'EDITOR');
    editors.set(org.slug, editor);
    // A browser session of the editor's, with a browser and address nobody else may see.
    await openSession(db.prisma, editor.id, { ...sessionSentinel(org.slug, editors.size), method: 'PASSWORD' });
    const gql = graphqlClient(db, editor.token);
    const [first] = org.usages;
    const id = encodeGlobalID('Usage', first?.id ?? '');
    const { data } = await gql<{ usage: { revision: number } }>(
      'query($o: String!, $k: String!) { usage(organisation: $o, key: $k) { revision } }',
      {
        o: org.slug,
        k: first?.key,
      },
    );
    // Another organisation with a landscape named as operator: a proposal, audited on both organisations' trails.
    const landscapes = organisations.filter((o) => o.usages.length > 0);
    const partner = landscapes[(landscapes.indexOf(org) + 1) % landscapes.length];
    const changed = await gql<{ updateUsage: { __typename: string } }>(
      'mutation($input: UpdateUsageInput!) { updateUsage(input: $input) { __typename } }',
      {
        input: {
          id,
          revision: data?.usage.revision,
          yearlyCost: costOf(n),
          internalNote: noteOf(n),
          contractEndsOn: dateOf(n).toISOString().slice(0, 10),
          riskAssessmentDate: dateOf(n + 1)
            .toISOString()
            .slice(0, 10),
          pentestDate: dateOf(n + 2)
            .toISOString()
            .slice(0, 10),
          pentestState: 'FINDINGS_RESOLVED',
          dpiaCriteria: [...DPIA_CRITERIA],
          ...(partner && partner !== org ? { operator: partner.slug } : {}),
        },
      },
    );
    n += 1;
    if (changed.data?.updateUsage.__typename !== 'UpdateUsageSuccess')
      throw new Error(`Planting failed: ${JSON.stringify(changed)}`);

    // A statement of applicability with every private field filled; Coevorden shares it with Borger-Odoorn only, whom
    // no walk reads as, so a named share must not reach anyone else.
    await plantStatement(gql, org.slug, org.slug === 'coevorden' ? ['borger-odoorn'] : null);
    // Evidence documents on the product of its first usage, shared the same way.
    const productSlug = (
      await db.prisma.usage.findUniqueOrThrow({ where: { id: first?.id ?? '' }, select: { product: true } })
    ).product.slug;
    await plantEvidence(db, editor.token, org.slug, productSlug, org.slug === 'coevorden' ? ['borger-odoorn'] : null);
    await plantActivity(gql, org.slug, first?.id);

    // A scenario too, so its pages and fields are read as well.
    const scenario = await gql(
      'mutation($input: CreateScenarioInput!) { createScenario(input: $input) { __typename } }',
      {
        input: { name: `Proef ${org.slug}`, organisation: org.slug },
      },
    );
    if (!JSON.stringify(scenario).includes('CreateScenarioSuccess'))
      throw new Error(`Planting failed: ${JSON.stringify(scenario)}`);

    const admin = await member(personOf('admin', org.slug), org.slug, 'ADMIN');
    const asAdmin = graphqlClient(db, admin.token);
    // An invitation accepted through its one-time link, then a role change: membership events of both kinds. Admins
    // invite addresses in their organisation's own mail domains only, so the people's domain becomes one of them.
    const { emailDomains } = await db.prisma.organisation.findUniqueOrThrow({
      where: { slug: org.slug },
      select: { emailDomains: true },
    });
    // Its provider (below) vouches for a domain of its own: a domain has one enabled provider at most.
    await db.prisma.organisation.update({
      where: { slug: org.slug },
      data: { emailDomains: `${emailDomains} people.example ${org.slug}.people.example`.trim() },
    });
    const invited = await asAdmin<{ inviteMember: { __typename: string; data?: { invitationPath: string | null } } }>(
      'mutation($o: String!, $e: String!) { inviteMember(organisation: $o, email: $e, role: EDITOR) { __typename ... on InviteMemberSuccess { data { invitationPath } } } }',
      { o: org.slug, e: personOf('invited', org.slug) },
    );
    const path = invited.data?.inviteMember.data?.invitationPath;
    if (!path) throw new Error(`Planting failed: ${JSON.stringify(invited)}`);
    const token = new URL(path, 'http://grondplan.test').searchParams.get('sleutel');
    const accepted = await graphqlClient(db)(
      'mutation($t: String!) { acceptInvitation(token: $t, name: "Uitgenodigd", password: "een lang en eigen wachtwoord voor de proef") { __typename } }',
      { t: token },
    );
    if (!JSON.stringify(accepted).includes('AcceptInvitationSuccess'))
      throw new Error(`Planting failed: ${JSON.stringify(accepted)}`);
    const promoted = await asAdmin(
      'mutation($o: String!, $e: String!) { setMembership(organisation: $o, email: $e, role: ADMIN) { __typename } }',
      {
        o: org.slug,
        e: personOf('invited', org.slug),
      },
    );
    if (!JSON.stringify(promoted).includes('SetMembershipSuccess'))
      throw new Error(`Planting failed: ${JSON.stringify(promoted)}`);
    // Its officers (the admin its security officer, the invited member its privacy officer) and the admin's
    // attestation of the landscape, with a note only the organisation and instance administrators may read.
    for (const [email, officer] of [
      [personOf('admin', org.slug), 'SECURITY_OFFICER'],
      [personOf('invited', org.slug), 'PRIVACY_OFFICER'],
    ] as const) {
      const named = await asAdmin(
        'mutation($o: String!, $e: String!, $r: OfficerRole) { setOfficer(organisation: $o, email: $e, officer: $r) { __typename } }',
        { o: org.slug, e: email, r: officer },
      );
      if (!JSON.stringify(named).includes('SetOfficerSuccess'))
        throw new Error(`Planting failed: ${JSON.stringify(named)}`);
    }
    const attested = await asAdmin(
      'mutation($o: String!, $n: String) { attestLandscape(organisation: $o, note: $n) { __typename } }',
      { o: org.slug, n: `sentinel-attest-${org.slug}` },
    );
    if (!JSON.stringify(attested).includes('AttestLandscapeSuccess'))
      throw new Error(`Planting failed: ${JSON.stringify(attested)}`);
    await addUser(db, {
      email: personOf('cli', org.slug),
      password: 'een lang wachtwoord van de opdrachtregel',
      organisation: org.slug,
      role: 'VIEWER',
    });
  }

  // Failed sign-ins, of a known account and of an address nobody has: account events with the address typed.
  for (const email of [
    personOf('editor', organisations.find((o) => o.usages.length > 0)?.slug ?? ''),
    personOf('cli', 'niemand'),
  ]) {
    const failed = await graphqlClient(db)(
      'mutation($e: String!) { signIn(email: $e, password: "niet het goede wachtwoord") { __typename } }',
      { e: email },
    );
    if (JSON.stringify(failed).includes('SignInSuccess')) throw new Error(`Planting failed: ${JSON.stringify(failed)}`);
  }
  if ((await db.prisma.referenceProposal.count()) === 0) throw new Error('Planting failed: no proposal');

  // Every organisation with a landscape signs in through its own provider, registered by an instance administrator.
  const instanceAdmin = await createUser(db, 'beheer@grondplan.test', [], { instanceAdmin: true });
  for (const org of organisations.filter((o) => o.usages.length > 0)) {
    const registered = await graphqlClient(db, instanceAdmin.token)(
      'mutation($input: IdentityProviderInput!) { createIdentityProvider(input: $input) { __typename } }',
      {
        input: {
          organisation: org.slug,
          name: `Inlogdienst ${org.name}`,
          issuer: `https://${providerOf(org.slug)}.example/realms/grondplan`,
          clientId: providerOf(org.slug),
          clientSecret: providerSecretOf(org.slug),
          emailDomains: [`${org.slug}.people.example`],
          roleClaim: 'groups',
          viewerValues: `${providerOf(org.slug)}-lezers`,
          editorValues: '',
          adminValues: `${providerOf(org.slug)}-beheer`,
          enabled: true,
        },
      },
    );
    if (!JSON.stringify(registered).includes('CreateIdentityProviderSuccess'))
      throw new Error(`Planting failed: ${JSON.stringify(registered)}`);
  }

  await db.prisma.organisation.create({ data: { slug: 'buitenstaander', name: 'Buitenstaander', type: 'OTHER' } });
  return {
    organisations: organisations.map((o) => ({
      id: o.id,
      slug: o.slug,
      name: o.name,
      usages: o.usages.map((u) => ({ id: u.id, key: u.key, product: u.product.name })),
      interfaces: o.interfaces.map((i) => i.key),
    })),
    editors,
    outsider: await createUser(db, 'lezer@buitenstaander.test', [{ organisation: 'buitenstaander', role: 'VIEWER' }]),
    memberless: await createUser(db, 'zonder-organisatie@grondplan.test', []),
    instanceAdmin,
  };
}
