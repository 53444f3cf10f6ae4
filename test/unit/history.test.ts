// The history in words: one sentence for every kind of change the audit trail records (AUDIT_KINDS), each checked
// against the sentence written out by hand. A kind added to the trail without a case here fails the first test.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { expect, describe as group, it } from 'vitest';
import { AUDIT_KINDS, type AuditEntityType } from '#core/audit.ts';
import {
  describe,
  endsOf,
  type FieldChange,
  type HistoryEvent,
  type Names,
  rawId,
  referencesOf,
} from '#core/history.ts';

const EMMEN = 'org-emmen';
const COEVORDEN = 'org-coevorden';
const gid = (type: string, id: string) => encodeGlobalID(type, id);

const names: Names = {
  usage: new Map([
    ['u-decos', { name: 'Decos JOIN', organisationId: EMMEN, organisationName: 'Emmen' }],
    ['u-openzaak', { name: 'Open Zaak', organisationId: COEVORDEN, organisationName: 'Coevorden' }],
    ['u-iconnect', { name: 'iConnect', organisationId: EMMEN, organisationName: 'Emmen' }],
    ['u-zac', { name: 'ZAC', organisationId: EMMEN, organisationName: 'Emmen' }],
  ]),
  interface: new Map([
    [
      'i-1',
      {
        key: 'decos-openzaak',
        fromUsageId: 'u-decos',
        toUsageId: 'u-openzaak',
        intermediaryId: null,
        externalServiceId: null,
        direction: 'A_TO_B',
      },
    ],
  ]),
  other: {
    product: new Map([
      ['p-decos', 'Decos JOIN'],
      ['p-zac', 'ZAC'],
      ['p-openzaak', 'Open Zaak'],
    ]),
    version: new Map([
      ['v-52', '5.2'],
      ['v-53', '5.3'],
    ]),
    organisation: new Map([
      [EMMEN, 'Emmen'],
      [COEVORDEN, 'Coevorden'],
      ['org-dimpact', 'Dimpact'],
    ]),
    supplier: new Map([['s-decos', 'Decos']]),
    referenceComponent: new Map([
      ['rc-zaak', 'Zaakafhandelcomponent'],
      ['rc-reg', 'Zakenregistercomponent'],
    ]),
    standard: new Map([['st-zgw', 'ZGW API']]),
    externalService: new Map([['es-brp', 'BRP']]),
    programme: new Map([['pr-zaak', 'Zaaksysteem Dimpact']]),
    migration: new Map([['m-1', 'naar ZAC']]),
    scenario: new Map([['sc-1', 'Later overstappen']]),
    // The member a membership event is about, by the user's id (the event's entity id).
    person: new Map([['user-an', 'an@emmen.nl']]),
  },
};

const c = (before: unknown, after: unknown, hidden = false): FieldChange => ({ before, after, hidden });
const created = (fields: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, c(null, v)]));
const removed = (fields: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, c(v, null)]));

const event = (
  entityType: string,
  action: string,
  entityId: string,
  changes: Record<string, FieldChange>,
  extra: Partial<HistoryEvent> = {},
): HistoryEvent => ({
  entityType,
  action,
  entityId,
  changes,
  source: 'UI',
  file: null,
  organisationId: EMMEN,
  ...extra,
});

/** One event per kind of change, with the sentence it must read as. */
const CASES: { [E in AuditEntityType]: { [A in (typeof AUDIT_KINDS)[E][number]]: [HistoryEvent, string][] } } = {
  Usage: {
    CREATE: [
      [
        event(
          'Usage',
          'CREATE',
          gid('Usage', 'u-decos'),
          created({
            productId: 'p-decos',
            status: 'IN_PRODUCTION',
            inProductionSince: '2020-03-01T00:00:00.000Z',
            yearlyCost: 1200,
          }),
        ),
        'Gebruik toegevoegd: Decos JOIN (In productie per 1 maart 2020).',
      ],
      [
        // An import names its file; the usage's own id as the import once wrote it (raw) still finds its name.
        event('Usage', 'CREATE', 'u-decos', created({ key: 'decos', productId: 'p-decos', status: 'IN_PRODUCTION' }), {
          source: 'IMPORT',
          file: 'landschap.csv',
        }),
        'Gebruik toegevoegd bij import van landschap.csv: Decos JOIN (In productie).',
      ],
      [
        event('Usage', 'CREATE', gid('Usage', 'gone'), created({ productId: 'p-zac', status: 'PLANNED' }), {
          source: 'CLI',
          file: 'emmen.xlsx',
        }),
        'Gebruik toegevoegd bij import van emmen.xlsx: ZAC (Gepland).',
      ],
    ],
    UPDATE: [
      [
        event('Usage', 'UPDATE', gid('Usage', 'u-decos'), {
          versionId: c('v-52', 'v-53'),
          criticality: c('MEDIUM', 'HIGH'),
          operatorId: c(null, 'org-dimpact'),
          referenceComponents: c(['rc-zaak'], ['rc-reg', 'rc-zaak']),
          personalData: c(false, true),
          dpiaDate: c('2026-01-15T00:00:00.000Z', null),
        }),
        'Decos JOIN gewijzigd: versie van 5.2 naar 5.3, bedrijfskritiek van Middel naar Hoog, technisch beheer: Dimpact, referentiecomponenten van Zaakafhandelcomponent naar Zakenregistercomponent en Zaakafhandelcomponent, persoonsgegevens van nee naar ja en datum DPIA leeggemaakt (was 15 januari 2026).',
      ],
      [
        // Private values of another organisation are not said, only that they changed.
        event('Usage', 'UPDATE', gid('Usage', 'u-decos'), {
          yearlyCost: c(null, null, true),
          internalNote: c(null, null, true),
        }),
        'Decos JOIN gewijzigd: kosten per jaar gewijzigd (alleen zichtbaar voor de eigen organisatie) en interne notitie gewijzigd (alleen zichtbaar voor de eigen organisatie).',
      ],
      [
        event('Usage', 'UPDATE', gid('Usage', 'u-decos'), {
          status: c('IN_PRODUCTION', 'PHASING_OUT'),
          phasingOutSince: c(null, '2027-06-01T00:00:00.000Z'),
        }),
        'Decos JOIN gewijzigd: status van In productie naar Uit te faseren per 1 juni 2027.',
      ],
      [
        event(
          'Usage',
          'UPDATE',
          'u-decos',
          { externalFields: c('{"a":1}', '{"a":2}') },
          { source: 'IMPORT', file: 'applicaties.csv' },
        ),
        'Decos JOIN gewijzigd bij import van applicaties.csv: velden uit de Softwarecatalogus bijgewerkt.',
      ],
      [
        event('Usage', 'UPDATE', gid('Usage', 'u-openzaak'), { operatedLoad: c(0, 0.4) }, { organisationId: EMMEN }),
        'Open Zaak van Coevorden gewijzigd: last technisch beheer van 0 naar 0,4.',
      ],
    ],
    SET_STATUS: [
      [
        event('Usage', 'SET_STATUS', gid('Usage', 'u-decos'), {
          status: c('IN_PRODUCTION', 'PHASING_OUT'),
          phasingOutSince: c(null, '2027-06-01T00:00:00.000Z'),
        }),
        'Status van Decos JOIN gewijzigd van In productie naar Uit te faseren per 1 juni 2027.',
      ],
    ],
    RETIRE: [
      [
        event('Usage', 'RETIRE', gid('Usage', 'u-decos'), {
          status: c('PHASING_OUT', 'RETIRED'),
          retiredSince: c(null, '2028-01-01T00:00:00.000Z'),
        }),
        'Decos JOIN uitgefaseerd per 1 januari 2028.',
      ],
    ],
  },
  Interface: {
    CREATE: [
      [
        event(
          'Interface',
          'CREATE',
          gid('Interface', 'i-new'),
          created({
            key: 'k',
            fromUsageId: 'u-decos',
            toUsageId: 'u-openzaak',
            intermediaryId: 'u-iconnect',
            type: 'API',
            direction: 'A_TO_B',
            status: 'IN_USE',
            standards: ['st-zgw'],
          }),
        ),
        'Koppeling toegevoegd: Decos JOIN levert aan Open Zaak van Coevorden via iConnect (API, In gebruik).',
      ],
      [
        event(
          'Interface',
          'CREATE',
          'i-file',
          created({
            fromUsageId: 'u-decos',
            externalServiceId: 'es-brp',
            type: 'DIGIKOPPELING',
            direction: 'B_TO_A',
            status: 'IN_USE',
          }),
          {
            source: 'IMPORT',
            file: 'koppelingen.csv',
          },
        ),
        'Koppeling toegevoegd bij import van koppelingen.csv: Decos JOIN haalt op bij BRP (Digikoppeling, In gebruik).',
      ],
    ],
    UPDATE: [
      [
        // The change does not carry the ends: they come from the koppeling as it is now.
        event('Interface', 'UPDATE', gid('Interface', 'i-1'), {
          type: c('API', 'WEBSERVICE'),
          copiesData: c(false, true),
        }),
        'Koppeling Decos JOIN levert aan Open Zaak van Coevorden gewijzigd: soort van API naar Webservice en kopieert gegevens van nee naar ja.',
      ],
    ],
    DELETE: [
      [
        event(
          'Interface',
          'DELETE',
          gid('Interface', 'i-gone'),
          removed({ key: 'x', fromUsageId: 'u-decos', toUsageId: 'u-zac', direction: 'BOTH', type: 'API' }),
        ),
        'Koppeling verwijderd: Decos JOIN wisselt uit met ZAC.',
      ],
    ],
  },
  Migration: {
    CREATE: [
      [
        event(
          'Migration',
          'CREATE',
          gid('Migration', 'm-1'),
          created({
            key: 'decos-naar-zac',
            targetProductId: 'p-zac',
            replaces: ['u-decos'],
            plannedStart: '2026-09-01T00:00:00.000Z',
            plannedEnd: '2027-03-31T00:00:00.000Z',
          }),
        ),
        'Migratie naar ZAC toegevoegd: van Decos JOIN naar ZAC, gepland van 1 september 2026 tot 31 maart 2027.',
      ],
    ],
    UPDATE: [
      [
        event('Migration', 'UPDATE', gid('Migration', 'm-1'), {
          status: c('NOT_STARTED', 'PREPARING'),
          efforts: c([], [{ role: 'FUNCTIONAL_MANAGEMENT', quarter: '2027-Q1', fte: 0.5 }]),
        }),
        'Migratie naar ZAC gewijzigd: status van Niet gestart naar Voorbereiding en inspanning: Functioneel beheer 0,5 fte in K1 2027.',
      ],
    ],
    APPLY: [
      [
        event('Migration', 'APPLY', gid('Migration', 'm-1'), {
          plannedEnd: c('2027-03-31T00:00:00.000Z', '2027-06-30T00:00:00.000Z'),
        }),
        'Migratie naar ZAC gewijzigd uit een scenario: gepland einde van 31 maart 2027 naar 30 juni 2027.',
      ],
    ],
  },
  Capacity: {
    UPDATE: [
      [
        event('Capacity', 'UPDATE', EMMEN, {
          '2027-Q1 FUNCTIONAL_MANAGEMENT': c(1.5, 2),
          '2027-Q2 PRIVACY': c(null, 0.2),
        }),
        'Beheercapaciteit van Emmen gewijzigd: Functioneel beheer in K1 2027 van 1,5 fte naar 2 fte en Privacy in K2 2027 0,2 fte (was niet ingevuld).',
      ],
    ],
    APPLY: [
      [
        event('Capacity', 'APPLY', EMMEN, { '2027-Q1 TECHNICAL_MANAGEMENT': c(1, null) }),
        'Beheercapaciteit van Emmen gewijzigd uit een scenario: Technisch beheer in K1 2027 leeggemaakt (was 1 fte).',
      ],
    ],
  },
  Scenario: {
    CREATE: [
      [
        event(
          'Scenario',
          'CREATE',
          gid('Scenario', 'sc-1'),
          created({ name: 'Later overstappen', migrations: 3, capacityFigures: 12 }),
        ),
        'Scenario Later overstappen aangemaakt met 3 migraties en 12 capaciteitscijfers.',
      ],
    ],
    UPDATE: [
      [
        event('Scenario', 'UPDATE', gid('Scenario', 'sc-1'), {
          [gid('Migration', 'm-1')]: c({ plannedStart: 'a' }, { plannedStart: 'b' }),
          'emmen PRIVACY 2027-Q3': c(0.1, 0.3),
        }),
        'Scenario Later overstappen gewijzigd: plan van migratie naar ZAC aangepast en Privacy in K3 2027 van 0,1 fte naar 0,3 fte.',
      ],
    ],
    APPLY: [
      [
        event('Scenario', 'APPLY', gid('Scenario', 'sc-1'), {
          status: c('OPEN', 'APPLIED'),
          migrations: c(null, ['decos-naar-zac', 'suite']),
          capacityFigures: c(null, 4),
        }),
        'Scenario Later overstappen toegepast: migraties decos-naar-zac en suite en 4 capaciteitscijfers in het plan gezet.',
      ],
    ],
    DISCARD: [
      [
        event('Scenario', 'DISCARD', gid('Scenario', 'sc-1'), { status: c('OPEN', 'DISCARDED') }),
        'Scenario Later overstappen verworpen.',
      ],
    ],
  },
  Programme: {
    CREATE: [
      [
        event(
          'Programme',
          'CREATE',
          gid('Programme', 'pr-zaak'),
          created({ name: 'Zaaksysteem Dimpact', deadline: '2027-07-01T00:00:00.000Z', owners: ['org-dimpact'] }),
        ),
        'Programma Zaaksysteem Dimpact toegevoegd, deadline 1 juli 2027.',
      ],
    ],
    UPDATE: [
      [
        event('Programme', 'UPDATE', gid('Programme', 'pr-zaak'), {
          owners: c(['org-dimpact'], ['org-dimpact', EMMEN]),
        }),
        'Programma Zaaksysteem Dimpact gewijzigd: eigenaren van Dimpact naar Dimpact en Emmen.',
      ],
    ],
  },
  Product: {
    CREATE: [
      [
        event(
          'Product',
          'CREATE',
          gid('Product', 'p-decos'),
          created({ name: 'Decos JOIN', supplierId: 's-decos', architecture: 'LEGACY' }),
          {
            source: 'IMPORT',
            file: 'publiccode.yml',
          },
        ),
        'Pakket Decos JOIN toegevoegd aan de catalogus bij import van publiccode.yml (leverancier Decos).',
      ],
    ],
    UPDATE: [
      [
        event('Product', 'UPDATE', gid('Product', 'p-zac'), {
          architecture: c('HYBRID', 'COMMON_GROUND'),
          layers: c(['PROCESS'], ['PROCESS', 'SERVICE']),
        }),
        'Pakket ZAC gewijzigd: architectuur van Hybride naar Common Ground en Common Ground-lagen van Proces naar Proces en Diensten.',
      ],
    ],
    MERGE: [
      [
        event('Product', 'MERGE', gid('Product', 'p-zac'), { mergedFrom: c(null, 'zaakafhandeling-zac') }),
        'Pakket ZAC samengevoegd met zaakafhandeling-zac.',
      ],
    ],
    DELETE: [
      [
        event('Product', 'DELETE', gid('Product', 'gone'), removed({ name: 'Zaakafhandeling ZAC', mergedInto: 'zac' })),
        'Pakket Zaakafhandeling ZAC opgegaan in zac.',
      ],
    ],
  },
  Supplier: {
    CREATE: [
      [
        event('Supplier', 'CREATE', gid('Supplier', 's-decos'), created({ name: 'Decos' })),
        'Leverancier Decos toegevoegd aan de catalogus.',
      ],
    ],
    MERGE: [
      [
        event('Supplier', 'MERGE', gid('Supplier', 's-decos'), { mergedFrom: c(null, 'decos-bv') }),
        'Leverancier Decos samengevoegd met decos-bv.',
      ],
    ],
    DELETE: [
      [
        event('Supplier', 'DELETE', gid('Supplier', 'gone'), removed({ name: 'Decos B.V.', mergedInto: 'decos' })),
        'Leverancier Decos B.V. opgegaan in decos.',
      ],
    ],
  },
  ReferenceComponent: {
    CREATE: [
      [
        event('ReferenceComponent', 'CREATE', 'rc-zaak', created({ name: 'Zaakafhandelcomponent' }), {
          source: 'IMPORT',
          file: 'gemma.xml',
          organisationId: null,
        }),
        'Referentiecomponent Zaakafhandelcomponent toegevoegd bij import van gemma.xml.',
      ],
    ],
    UPDATE: [
      [
        event('ReferenceComponent', 'UPDATE', 'rc-reg', { group: c('Oud', 'Nieuw') }, { organisationId: null }),
        'Referentiecomponent Zakenregistercomponent gewijzigd: groep van Oud naar Nieuw.',
      ],
    ],
  },
  Standard: {
    CREATE: [
      [
        event('Standard', 'CREATE', 'st-new', created({ name: 'StUF' }), { organisationId: null }),
        'Standaard StUF toegevoegd.',
      ],
    ],
    UPDATE: [
      [
        event('Standard', 'UPDATE', 'st-zgw', { url: c('http://a', 'https://a') }, { organisationId: null }),
        'Standaard ZGW API gewijzigd: adres van http://a naar https://a.',
      ],
    ],
  },
  ExternalService: {
    CREATE: [
      [
        event('ExternalService', 'CREATE', 'es-brp', created({ name: 'BRP' }), { organisationId: null }),
        'Landelijke voorziening BRP toegevoegd.',
      ],
    ],
    UPDATE: [
      [
        event('ExternalService', 'UPDATE', 'es-brp', { name: c('GBA', 'BRP') }, { organisationId: null }),
        'Landelijke voorziening BRP gewijzigd: naam van GBA naar BRP.',
      ],
    ],
  },
  ReferenceProposal: {
    CREATE: [
      [
        event(
          'ReferenceProposal',
          'CREATE',
          gid('ReferenceProposal', 'rp-1'),
          created({
            kind: 'OPERATOR',
            status: 'PENDING',
            proposingOrganisationId: EMMEN,
            receivingOrganisationId: 'org-dimpact',
            usageId: gid('Usage', 'u-decos'),
          }),
        ),
        'Voorstel van Emmen aan Dimpact: Dimpact als technisch beheerder van Decos JOIN.',
      ],
    ],
    UPDATE: [
      [
        event('ReferenceProposal', 'UPDATE', gid('ReferenceProposal', 'rp-2'), {
          kind: c('INTERFACE_TO', 'INTERFACE_TO'),
          status: c('PENDING', 'ACCEPTED'),
          proposingOrganisationId: c(EMMEN, EMMEN),
          receivingOrganisationId: c(COEVORDEN, COEVORDEN),
          usageId: c(gid('Usage', 'u-decos'), gid('Usage', 'u-decos')),
          interfaceKey: c('decos-openzaak', 'decos-openzaak'),
          targetUsageId: c(gid('Usage', 'u-openzaak'), gid('Usage', 'u-openzaak')),
        }),
        'Voorstel van Emmen aan Coevorden (koppeling decos-openzaak van Decos JOIN naar Open Zaak van Coevorden) aanvaard.',
      ],
    ],
  },
  Organisation: {
    CREATE: [
      [
        event(
          'Organisation',
          'CREATE',
          gid('Organisation', COEVORDEN),
          created({ name: 'Coevorden', slug: 'coevorden' }),
          { organisationId: COEVORDEN },
        ),
        'Organisatie Coevorden toegevoegd.',
      ],
    ],
    UPDATE: [
      [
        event('Organisation', 'UPDATE', gid('Organisation', EMMEN), {
          emailDomains: c(['emmen.nl'], ['emmen.nl', 'gemeente-emmen.nl']),
        }),
        'Organisatie Emmen gewijzigd: e-maildomeinen van emmen.nl naar emmen.nl en gemeente-emmen.nl.',
      ],
    ],
  },
  VvtStatement: {
    UPDATE: [
      [
        event('VvtStatement', 'UPDATE', gid('VvtStatement', 'v1'), {
          measureNumber: c('5.01.01', '5.01.01'),
          state: c('NIET_GESTART', 'IN_UITVOERING'),
          owner: c(null, 'CISO'),
        }),
        'Verklaring van toepasselijkheid, maatregel 5.01.01 bijgewerkt: stand van uitvoering van Niet gestart naar In uitvoering en eigenaar: CISO.',
      ],
    ],
  },
  ProcessingActivity: {
    CREATE: [
      [
        event('ProcessingActivity', 'CREATE', gid('ProcessingActivity', 'p1'), created({ name: 'Klantcontacten' })),
        'Verwerking Klantcontacten toegevoegd aan het register van verwerkingen.',
      ],
    ],
    UPDATE: [
      [
        event('ProcessingActivity', 'UPDATE', gid('ProcessingActivity', 'p1'), {
          legalGround: c('CONSENT', 'PUBLIC_TASK'),
        }),
        'Verwerking gewijzigd: grondslag van a. Toestemming van de betrokkene naar e. Taak van algemeen belang of openbaar gezag.',
      ],
    ],
    DELETE: [
      [
        event('ProcessingActivity', 'DELETE', gid('ProcessingActivity', 'p1'), removed({ name: 'Klantcontacten' })),
        'Verwerking Klantcontacten verwijderd uit het register van verwerkingen.',
      ],
    ],
  },
  VvtShare: {
    UPDATE: [
      [
        event('VvtShare', 'UPDATE', gid('Organisation', EMMEN), {
          mode: c('PRIVATE', 'NAMED'),
          partners: c([], ['coevorden']),
        }),
        'Delen van de verklaring van toepasselijkheid gewijzigd: deelinstelling van Alleen de eigen organisatie naar De eigen organisatie en genoemde partners en partners: coevorden.',
      ],
    ],
  },
  Membership: {
    CREATE: [
      [
        event('Membership', 'CREATE', 'user', created({ email: 'an@emmen.nl', role: 'EDITOR' })),
        'An@emmen.nl lid gemaakt als redacteur.',
      ],
      // For a reader outside the organisation the address and the role are hidden.
      [
        event('Membership', 'CREATE', 'user', { email: c(null, null, true), role: c(null, null, true) }),
        'Iemand lid gemaakt.',
      ],
    ],
    UPDATE: [
      [
        event('Membership', 'UPDATE', 'user', { role: c('VIEWER', 'ADMIN'), email: c('an@emmen.nl', 'an@emmen.nl') }),
        'Rol van an@emmen.nl gewijzigd van lezer naar beheerder.',
      ],
      [event('Membership', 'UPDATE', 'user', { role: c(null, null, true) }), 'Rol van een lid gewijzigd.'],
      // The address did not change, so the change does not carry it: the member is named as the user is now.
      [
        event('Membership', 'UPDATE', gid('User', 'user-an'), { officer: c(null, 'SECURITY_OFFICER') }),
        'An@emmen.nl is nu informatiebeveiliger (CISO) van Emmen.',
      ],
      [
        event('Membership', 'UPDATE', gid('User', 'user-an'), { officer: c('SECURITY_OFFICER', 'PRIVACY_OFFICER') }),
        'An@emmen.nl is nu privacy officer (FG) van Emmen (was informatiebeveiliger (CISO)).',
      ],
      [
        event('Membership', 'UPDATE', gid('User', 'user-an'), { officer: c('PRIVACY_OFFICER', null) }),
        'An@emmen.nl is geen privacy officer (FG) meer van Emmen.',
      ],
      // Without the member's name (for a reader who may not see it): a member.
      [
        event('Membership', 'UPDATE', 'user', { officer: c(null, 'SECURITY_OFFICER') }),
        'Een lid is nu informatiebeveiliger (CISO) van Emmen.',
      ],
      [
        event('Membership', 'UPDATE', gid('User', 'user-an'), { role: c('VIEWER', 'EDITOR') }),
        'Rol van an@emmen.nl gewijzigd van lezer naar redacteur.',
      ],
      [event('Membership', 'UPDATE', 'user', { officer: c(null, null, true) }), 'Functie van een lid gewijzigd.'],
    ],
    DELETE: [
      [
        event('Membership', 'DELETE', 'user', {
          email: c('an@emmen.nl', null),
          role: c('EDITOR', null),
          accessEnded: c(null, true),
        }),
        'An@emmen.nl is geen lid meer; de toegang is beëindigd.',
      ],
    ],
  },
  Attestation: {
    CONFIRM: [
      [
        event('Attestation', 'CONFIRM', 'att', created({ dataVersion: 42, note: 'Alles nagelopen' })),
        'Landschap bevestigd als actueel en volledig (gegevensversie 42).',
      ],
      [
        event('Attestation', 'CONFIRM', 'att', { dataVersion: c(null, null, true) }),
        'Landschap bevestigd als actueel en volledig.',
      ],
    ],
  },
  Evidence: {
    CREATE: [
      [
        event(
          'Evidence',
          'CREATE',
          gid('Evidence', 'e1'),
          created({ title: 'ISO 27001 Open Zaak', evidenceKind: 'ISO27001', visibility: 'OWN' }),
        ),
        'Bewijsstuk ISO 27001 Open Zaak toegevoegd.',
      ],
    ],
    UPDATE: [
      [
        event('Evidence', 'UPDATE', gid('Evidence', 'e1'), {
          visibility: c('OWN', 'ALL_MEMBERS'),
        }),
        'Bewijsstuk gewijzigd: zichtbaarheid van Alleen de eigen organisatie naar Alle aangemelde leden van Grondplan.',
      ],
    ],
    DELETE: [
      [
        event('Evidence', 'DELETE', gid('Evidence', 'e1'), { title: c('Pentest 2026', null) }),
        'Bewijsstuk Pentest 2026 verwijderd.',
      ],
    ],
  },
  Invitation: {
    INVITE: [
      [
        event('Invitation', 'INVITE', 'inv', created({ email: 'bo@emmen.nl', role: 'VIEWER' })),
        'Bo@emmen.nl uitgenodigd als lezer.',
      ],
    ],
    ACCEPT: [
      [
        event('Invitation', 'ACCEPT', 'inv', { email: c(null, null, true), role: c(null, null, true) }),
        'Uitnodiging aangenomen door de genodigde.',
      ],
    ],
  },
  User: {
    CREATE: [
      [
        event(
          'User',
          'CREATE',
          'user',
          created({ email: 'beheer@grondplan.local', isInstanceAdmin: true, oneTimePasswordSet: true }),
          {
            source: 'CLI',
            organisationId: null,
          },
        ),
        'Account beheer@grondplan.local aangemaakt via de opdrachtregel als beheerder van Grondplan.',
      ],
    ],
    UPDATE: [
      [
        event(
          'User',
          'UPDATE',
          'user',
          { email: c('a@b.nl', 'a@b.nl'), isInstanceAdmin: c(false, true) },
          { source: 'CLI' },
        ),
        'Account a@b.nl bijgewerkt via de opdrachtregel: beheerder van Grondplan van nee naar ja.',
      ],
    ],
    DISABLE: [
      [
        event('User', 'DISABLE', 'user', { disabled: c(false, true), email: c('a@b.nl', 'a@b.nl') }),
        'Account a@b.nl geblokkeerd.',
      ],
    ],
    ENABLE: [
      [
        event('User', 'ENABLE', 'user', { disabled: c(true, false), email: c(null, null, true) }),
        'Een account gedeblokkeerd.',
      ],
    ],
    RESET_PASSWORD: [
      [
        event(
          'User',
          'RESET_PASSWORD',
          'user',
          { email: c('a@b.nl', 'a@b.nl'), oneTimePassword: c(null, true) },
          { source: 'CLI' },
        ),
        'Wachtwoord van a@b.nl vervangen door een eenmalig wachtwoord via de opdrachtregel.',
      ],
    ],
    CHANGE_PASSWORD: [
      [
        event('User', 'CHANGE_PASSWORD', 'user', { oneTimePassword: c(true, false) }),
        'Wachtwoord van een account gewijzigd.',
      ],
    ],
    REQUEST_PASSWORD_RESET: [
      [
        event('User', 'REQUEST_PASSWORD_RESET', 'user', created({ email: 'a@b.nl', address: '192.0.2.1' })),
        'Link voor een nieuw wachtwoord gemaild naar a@b.nl.',
      ],
    ],
    RESET_PASSWORD_BY_MAIL: [
      [
        event('User', 'RESET_PASSWORD_BY_MAIL', 'user', { email: c('a@b.nl', 'a@b.nl'), sessionsEnded: c(null, 2) }),
        'Wachtwoord van a@b.nl gewijzigd via een gemailde link.',
      ],
    ],
    SSO_PROVISION: [
      [
        event(
          'User',
          'SSO_PROVISION',
          'user',
          created({ email: 'an@emmen.nl', provider: 'Entra ID Emmen', role: 'EDITOR' }),
        ),
        'Account an@emmen.nl aangemaakt bij de eerste keer inloggen via Entra ID Emmen als redacteur.',
      ],
      // For a reader outside the organisation the address and the role are hidden.
      [
        event('User', 'SSO_PROVISION', 'user', {
          email: c(null, null, true),
          provider: c(null, 'Entra ID Emmen'),
          role: c(null, null, true),
        }),
        'Een account aangemaakt bij de eerste keer inloggen via Entra ID Emmen.',
      ],
    ],
    SSO_LINK: [
      [
        event('User', 'SSO_LINK', 'user', created({ email: 'an@emmen.nl', provider: 'Entra ID Emmen' })),
        'Account an@emmen.nl gekoppeld aan Entra ID Emmen.',
      ],
    ],
    SSO_UNLINK: [
      [
        event('User', 'SSO_UNLINK', 'user', created({ email: 'an@emmen.nl', provider: 'Entra ID Emmen' })),
        'Account an@emmen.nl ontkoppeld van Entra ID Emmen.',
      ],
    ],
  },
  IdentityProvider: {
    CREATE: [
      [
        event(
          'IdentityProvider',
          'CREATE',
          'idp',
          created({ name: 'Entra ID Emmen', issuer: 'https://login.example/emmen', clientSecret: 'vastgelegd' }),
        ),
        'Inlogdienst Entra ID Emmen toegevoegd.',
      ],
    ],
    UPDATE: [
      [
        event('IdentityProvider', 'UPDATE', 'idp', {
          name: c('Entra ID Emmen', 'Entra ID Emmen'),
          defaultRole: c(null, 'VIEWER'),
          clientSecret: c(null, 'vervangen'),
        }),
        'Inlogdienst Entra ID Emmen gewijzigd: standaardrol: Lezer en clientgeheim vervangen.',
      ],
      [
        event('IdentityProvider', 'UPDATE', 'idp', {
          name: c('Entra ID Emmen', 'Entra ID Emmen'),
          issuer: c('https://login.example/emmen', 'https://sso.example/emmen'),
          clientSecret: c(null, 'vervangen'),
          linksRemoved: c(undefined, 3),
        }),
        'Inlogdienst Entra ID Emmen gewijzigd: issuer-URL van https://login.example/emmen naar https://sso.example/emmen, clientgeheim vervangen en koppelingen met accounts verwijderd: 3.',
      ],
    ],
  },
  ApiToken: {
    CREATE: [
      [
        event(
          'ApiToken',
          'CREATE',
          'tok',
          created({ user: 'a@b.nl', name: 'koppeling', scope: 'READ_WRITE', expiresAt: '2027-01-01T00:00:00.000Z' }),
        ),
        'API-token koppeling aangemaakt (lezen en schrijven, geldig tot 1 januari 2027).',
      ],
    ],
    REVOKE: [
      [
        event('ApiToken', 'REVOKE', 'tok', { revoked: c(false, true), name: c('koppeling', 'koppeling') }),
        'API-token koppeling ingetrokken.',
      ],
    ],
  },
  Session: {
    SIGN_IN: [
      [event('Session', 'SIGN_IN', 'user', created({ email: 'a@b.nl', address: '127.0.0.1' })), 'Ingelogd als a@b.nl.'],
      [
        event('Session', 'SIGN_IN', 'user', created({ email: 'a@b.nl', method: 'OIDC', provider: 'Entra ID Emmen' })),
        'Ingelogd als a@b.nl via Entra ID Emmen.',
      ],
    ],
    SIGN_IN_FAILED: [
      [
        event('Session', 'SIGN_IN_FAILED', 'user', created({ email: 'a@b.nl', reason: 'onjuist wachtwoord' })),
        'Inloggen als a@b.nl mislukt: onjuist wachtwoord.',
      ],
      [
        event(
          'Session',
          'SIGN_IN_FAILED',
          '',
          created({ email: null, provider: 'Entra ID Emmen', reason: 'state klopt niet' }),
        ),
        'Inloggen als een gebruiker via Entra ID Emmen mislukt: state klopt niet.',
      ],
    ],
    SIGN_IN_THROTTLED: [
      [
        event('Session', 'SIGN_IN_THROTTLED', 'address:x', created({ email: 'a@b.nl' })),
        'Inloggen als a@b.nl tijdelijk geweigerd: te veel pogingen.',
      ],
    ],
    SIGN_OUT: [[event('Session', 'SIGN_OUT', 'user', created({ email: 'a@b.nl' })), 'Uitgelogd als a@b.nl.']],
    SESSION_END: [
      [
        event(
          'Session',
          'SESSION_END',
          'user',
          created({ email: 'a@b.nl', device: 'Firefox op Linux', method: 'PASSWORD' }),
        ),
        'Sessie (Firefox op Linux) van a@b.nl beëindigd.',
      ],
      [event('Session', 'SESSION_END', 'user', created({ email: 'a@b.nl' })), 'Sessie van a@b.nl beëindigd.'],
    ],
    SECOND_FACTOR_REQUIRED: [
      [
        event('Session', 'SECOND_FACTOR_REQUIRED', 'user', created({ email: 'a@b.nl' })),
        'Wachtwoord van a@b.nl juist; tweede stap gevraagd.',
      ],
    ],
    SECOND_FACTOR_FAILED: [
      [
        event('Session', 'SECOND_FACTOR_FAILED', 'user', created({ email: 'a@b.nl', method: 'PASSWORD_TOTP' })),
        'Tweede stap van het inloggen als a@b.nl mislukt.',
      ],
    ],
    SECOND_FACTOR_LOCKED: [
      [
        event('Session', 'SECOND_FACTOR_LOCKED', 'user', created({ email: 'a@b.nl', wrongAnswers: 20 })),
        'Tweede stap van het inloggen als a@b.nl geblokkeerd: te veel onjuiste codes, tot een nieuw wachtwoord.',
      ],
    ],
  },
  SecondFactor: {
    ADD: [
      [
        event('SecondFactor', 'ADD', 'user', created({ email: 'a@b.nl', factor: 'authenticator-app' })),
        'Authenticator-app toegevoegd als tweede factor van a@b.nl.',
      ],
      [
        event('SecondFactor', 'ADD', 'user', created({ email: 'a@b.nl', factor: 'passkey', name: 'laptop' })),
        'Passkey laptop toegevoegd als tweede factor van a@b.nl.',
      ],
    ],
    REMOVE: [
      [
        event('SecondFactor', 'REMOVE', 'user', created({ email: 'a@b.nl', factor: 'authenticator-app' })),
        'Authenticator-app verwijderd als tweede factor van a@b.nl.',
      ],
    ],
    RECOVERY_CODES: [
      [
        event('SecondFactor', 'RECOVERY_CODES', 'user', created({ email: 'a@b.nl', recoveryCodesIssued: 10 })),
        'Nieuwe herstelcodes voor a@b.nl.',
      ],
    ],
  },
  Import: {
    CREATE: [
      [
        event(
          'Import',
          'CREATE',
          'landschap.csv',
          created({ file: 'landschap.csv', kind: 'gebruik-csv', added: 3, changed: 2, unchanged: 10 }),
          {
            source: 'IMPORT',
            file: 'landschap.csv',
          },
        ),
        'Bestand landschap.csv ingelezen: gebruiken 3 toegevoegd, 2 gewijzigd en 10 ongewijzigd.',
      ],
      [
        event('Import', 'CREATE', 'zac.yml', created({ file: 'zac.yml', kind: 'publiccode', product: 'zac' }), {
          source: 'CLI',
          file: 'zac.yml',
          organisationId: null,
        }),
        'Bestand zac.yml ingelezen via de opdrachtregel: pakket zac.',
      ],
      [
        event(
          'Import',
          'CREATE',
          'model.xml',
          created({
            file: 'model.xml',
            kind: 'ameff',
            added: 1,
            changed: 0,
            unchanged: 4,
            interfaces: { added: 2, changed: 1 },
          }),
          { file: 'model.xml' },
        ),
        'Bestand model.xml ingelezen: gebruiken 1 toegevoegd, 0 gewijzigd en 4 ongewijzigd; koppelingen 2 toegevoegd en 1 gewijzigd.',
      ],
      [
        event('Import', 'CREATE', 'k.csv', created({ file: 'k.csv', kind: 'koppelingen-csv', added: 1, changed: 0 }), {
          file: 'k.csv',
        }),
        'Bestand k.csv ingelezen: koppelingen 1 toegevoegd en 0 gewijzigd.',
      ],
    ],
  },
  Bio2: {
    IMPORT: [
      [
        event(
          'Bio2',
          'IMPORT',
          'bio2-1.4.csv',
          created({ file: 'bio2-1.4.csv', added: 1, changed: 2, moved: 1, removed: 0, total: 218 }),
          { source: 'IMPORT', file: 'bio2-1.4.csv', organisationId: null },
        ),
        'BIO2-overheidsmaatregelen ingelezen uit bio2-1.4.csv: 1 toegevoegd, 2 gewijzigd, 1 verplaatst en 0 verwijderd; 218 in totaal.',
      ],
      [
        event(
          'Bio2',
          'IMPORT',
          'b.csv',
          created({ file: 'b.csv', added: 0, changed: 1, moved: 1, removed: 0, total: 166, linesOnMoved: 3 }),
          { source: 'IMPORT', file: 'b.csv', organisationId: null },
        ),
        'BIO2-overheidsmaatregelen ingelezen uit b.csv: 0 toegevoegd, 1 gewijzigd, 1 verplaatst en 0 verwijderd; 166 in totaal; 3 regels van verklaringen bij verplaatste maatregelen bewaard onder het oude nummer.',
      ],
    ],
  },
  Content: {
    SEED: [
      [
        event(
          'Content',
          'SEED',
          'content/',
          { content: c(null, { organisations: 4, products: 30, usages: 120, interfaces: 40 }) },
          { source: 'SEED', organisationId: null },
        ),
        'Inhoud ingelezen uit content/: 4 organisaties, 30 pakketten, 120 gebruiken en 40 koppelingen.',
      ],
    ],
  },
};

group('history sentences', () => {
  it('every kind of change the audit trail records has at least one case here', () => {
    for (const [entityType, actions] of Object.entries(AUDIT_KINDS)) {
      for (const action of actions) {
        const cases = (CASES as Record<string, Record<string, unknown[]> | undefined>)[entityType]?.[action] ?? [];
        expect(cases.length, `${entityType} ${action}`).toBeGreaterThan(0);
      }
    }
  });

  const all = Object.entries(CASES).flatMap(([entityType, byAction]) =>
    Object.entries(byAction as Record<string, [HistoryEvent, string][]>).flatMap(([action, cases]) =>
      cases.map(([e, sentence], i) => [`${entityType} ${action} #${i + 1}`, e, sentence] as const),
    ),
  );

  it.each(all)('%s', (_name, e, sentence) => {
    expect(describe(e, names)).toBe(sentence);
  });

  it('no sentence shows an internal id, an enum value or an ISO date', () => {
    for (const [, e] of all) {
      const text = describe(e, names);
      expect(text).not.toMatch(
        /\d{4}-\d{2}-\d{2}T|IN_PRODUCTION|PHASING_OUT|A_TO_B|FUNCTIONAL_MANAGEMENT|COMMON_GROUND/,
      );
      for (const id of ['u-decos', 'p-zac', 'v-53', EMMEN, 'rc-zaak', 'st-zgw', 'm-1']) expect(text).not.toContain(id);
    }
  });

  it('no hidden value reaches a sentence', () => {
    const e = event('Usage', 'UPDATE', gid('Usage', 'u-decos'), {
      internalNote: { before: 'GEHEIM-1', after: 'GEHEIM-2', hidden: true },
    });
    expect(describe(e, names)).not.toContain('GEHEIM');
    expect(
      referencesOf(
        event('Usage', 'UPDATE', 'u', { operatorId: { before: 'org-x', after: 'org-y', hidden: true } }),
      ).map((r) => r.id),
    ).toEqual(['u']);
  });

  it('names what an event refers to, global ids as raw ids, and a koppeling through its ends as they are now', () => {
    const e = event('Interface', 'UPDATE', gid('Interface', 'i-1'), { standards: c(['st-zgw'], []) });
    expect(referencesOf(e)).toEqual([
      { kind: 'interface', id: 'i-1' },
      { kind: 'standard', id: 'st-zgw' },
    ]);
    expect(endsOf(names.interface?.get('i-1')).map((r) => r.id)).toEqual(['u-decos', 'u-openzaak']);
    expect(rawId(gid('Usage', 'abc'))).toBe('abc');
    expect(rawId('cmx2abc0000')).toBe('cmx2abc0000');
  });
});
