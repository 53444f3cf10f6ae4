// One Dutch sentence for every kind of change the audit trail records.
import type { AuditAction, AuditEntityType } from './audit.ts';
import type { HistoryEvent, Names } from './history.ts';
import {
  account,
  capacityChanges,
  capitalise,
  how,
  importSummary,
  interfaceText,
  list,
  migrationName,
  named,
  officerWords,
  person,
  proposalText,
  SINCE_FIELD,
  scenarioChanges,
  token,
  usageStatusAt,
  usageSubject,
  viaProvider,
  type Words,
} from './history-words.ts';

const activityName = (w: Words) => (w.text('name') ? ` ${w.text('name')}` : '');

export type Sentence = (w: Words, e: HistoryEvent, names: Names) => string;

/**
 * One sentence per kind of change the trail records (AUDIT_KINDS): the compiler holds this table to that list, and
 * test/unit/history.test.ts gives each an event.
 */
export const SENTENCES: { [E in AuditEntityType]: { [A in AuditAction<E>]: Sentence } } = {
  Usage: {
    CREATE: (w, e, n) => `Gebruik toegevoegd${how(e)}: ${usageSubject(w, e, n)}${usageStatusAt(w)}`,
    UPDATE: (w, e, n) => `${capitalise(usageSubject(w, e, n))} gewijzigd${how(e)}: ${w.changes()}`,
    SET_STATUS: (w, e, n) => {
      const status = e.changes.status;
      if (!status) return `${capitalise(usageSubject(w, e, n))} gewijzigd${how(e)}: ${w.changes()}`;
      const since = SINCE_FIELD[String(status.after)];
      const date = since ? e.changes[since]?.after : undefined;
      return `Status van ${usageSubject(w, e, n)} gewijzigd${how(e)} van ${w.value('status', status.before)} naar ${w.value('status', status.after)}${
        typeof date === 'string' ? ` per ${w.value(since ?? '', date)}` : ''
      }`;
    },
    RETIRE: (w, e, n) => {
      const date = e.changes.retiredSince?.after;
      return `${capitalise(usageSubject(w, e, n))} uitgefaseerd${how(e)}${typeof date === 'string' ? ` per ${w.value('retiredSince', date)}` : ''}`;
    },
  },
  Interface: {
    CREATE: (w, e, n) => {
      const details = [
        w.field('type') && w.value('type', w.field('type')),
        w.field('status') && w.value('status', w.field('status')),
      ].filter(Boolean);
      const pending = w.field('pendingConsent') === true ? ', wacht op akkoord van de andere organisatie' : '';
      return `Koppeling toegevoegd${how(e)}: ${interfaceText(w, e, n)}${details.length ? ` (${details.join(', ')}${pending})` : pending ? ` (${pending.slice(2)})` : ''}`;
    },
    UPDATE: (w, e, n) => `Koppeling ${interfaceText(w, e, n)} gewijzigd${how(e)}: ${w.changes()}`,
    DELETE: (w, e, n) => `Koppeling verwijderd${how(e)}: ${interfaceText(w, e, n)}`,
  },
  Migration: {
    CREATE: (w, e) => {
      const replaces = w.field('replaces');
      const target = w.field('targetProductId');
      const start = w.field('plannedStart');
      const end = w.field('plannedEnd');
      return `Migratie ${migrationName(w, e)} toegevoegd${how(e)}${Array.isArray(replaces) && replaces.length ? `: van ${w.value('replaces', replaces)}` : ''}${
        typeof target === 'string' ? ` naar ${w.value('targetProductId', target)}` : ''
      }${typeof start === 'string' && typeof end === 'string' ? `, gepland van ${w.value('plannedStart', start)} tot ${w.value('plannedEnd', end)}` : ''}`;
    },
    UPDATE: (w, e) => `Migratie ${migrationName(w, e)} gewijzigd${how(e)}: ${w.changes()}`,
    APPLY: (w, e) => `Migratie ${migrationName(w, e)} gewijzigd uit een scenario${how(e)}: ${w.changes()}`,
  },
  Capacity: {
    UPDATE: (w, e) =>
      `Beheercapaciteit van ${w.name('organisation', e.entityId)} gewijzigd${how(e)}: ${capacityChanges(w, e)}`,
    APPLY: (w, e) =>
      `Beheercapaciteit van ${w.name('organisation', e.entityId)} gewijzigd uit een scenario${how(e)}: ${capacityChanges(w, e)}`,
  },
  Scenario: {
    CREATE: (w, e) => {
      const migrations = w.field('migrations');
      const figures = w.field('capacityFigures');
      return `Scenario ${named(w, e, 'scenario')} aangemaakt${how(e)}${
        typeof migrations === 'number'
          ? ` met ${migrations} migraties en ${typeof figures === 'number' ? figures : 0} capaciteitscijfers`
          : ''
      }`;
    },
    UPDATE: (w, e) => `Scenario ${named(w, e, 'scenario')} gewijzigd${how(e)}: ${scenarioChanges(w, e)}`,
    APPLY: (w, e) => {
      const migrations = w.field('migrations');
      const figures = w.field('capacityFigures');
      const parts = [
        Array.isArray(migrations) && migrations.length
          ? `migratie${migrations.length > 1 ? 's' : ''} ${list(migrations.map(String))}`
          : '',
        typeof figures === 'number' && figures > 0 ? `${figures} capaciteitscijfer${figures > 1 ? 's' : ''}` : '',
      ].filter(Boolean);
      return `Scenario ${named(w, e, 'scenario')} toegepast${how(e)}${parts.length ? `: ${list(parts)} in het plan gezet` : ''}`;
    },
    DISCARD: (w, e) => `Scenario ${named(w, e, 'scenario')} verworpen${how(e)}`,
  },
  Programme: {
    CREATE: (w, e) => {
      const deadline = w.field('deadline');
      return `Programma ${named(w, e, 'programme')} toegevoegd${how(e)}${typeof deadline === 'string' ? `, deadline ${w.value('deadline', deadline)}` : ''}`;
    },
    UPDATE: (w, e) => `Programma ${named(w, e, 'programme')} gewijzigd${how(e)}: ${w.changes()}`,
  },
  Product: {
    CREATE: (w, e) => {
      const supplier = w.field('supplierId');
      return `Pakket ${named(w, e, 'product')} toegevoegd aan de catalogus${how(e)}${typeof supplier === 'string' ? ` (leverancier ${w.value('supplierId', supplier)})` : ''}`;
    },
    UPDATE: (w, e) => `Pakket ${named(w, e, 'product')} gewijzigd${how(e)}: ${w.changes()}`,
    MERGE: (w, e) =>
      `Pakket ${named(w, e, 'product')} samengevoegd met ${w.text('mergedFrom') ?? 'een ander pakket'}${how(e)}`,
    DELETE: (w, e) =>
      w.text('mergedInto')
        ? `Pakket ${w.text('name') ?? 'onbekend'} opgegaan in ${w.text('mergedInto')}${how(e)}`
        : `Pakket ${w.text('name') ?? 'onbekend'} verwijderd${how(e)}`,
  },
  Supplier: {
    CREATE: (w, e) => `Leverancier ${named(w, e, 'supplier')} toegevoegd aan de catalogus${how(e)}`,
    MERGE: (w, e) =>
      `Leverancier ${named(w, e, 'supplier')} samengevoegd met ${w.text('mergedFrom') ?? 'een andere leverancier'}${how(e)}`,
    DELETE: (w, e) =>
      w.text('mergedInto')
        ? `Leverancier ${w.text('name') ?? 'onbekend'} opgegaan in ${w.text('mergedInto')}${how(e)}`
        : `Leverancier ${w.text('name') ?? 'onbekend'} verwijderd${how(e)}`,
  },
  ReferenceComponent: {
    CREATE: (w, e) => `Referentiecomponent ${named(w, e, 'referenceComponent')} toegevoegd${how(e)}`,
    UPDATE: (w, e) => `Referentiecomponent ${named(w, e, 'referenceComponent')} gewijzigd${how(e)}: ${w.changes()}`,
  },
  Standard: {
    CREATE: (w, e) => `Standaard ${named(w, e, 'standard')} toegevoegd${how(e)}`,
    UPDATE: (w, e) => `Standaard ${named(w, e, 'standard')} gewijzigd${how(e)}: ${w.changes()}`,
  },
  ExternalService: {
    CREATE: (w, e) => `Landelijke voorziening ${named(w, e, 'externalService')} toegevoegd${how(e)}`,
    UPDATE: (w, e) => `Landelijke voorziening ${named(w, e, 'externalService')} gewijzigd${how(e)}: ${w.changes()}`,
  },
  ReferenceProposal: {
    CREATE: (w, e) =>
      `Voorstel van ${w.value('proposingOrganisationId', w.field('proposingOrganisationId'))} aan ${w.value('receivingOrganisationId', w.field('receivingOrganisationId'))}${how(e)}: ${proposalText(w)}`,
    UPDATE: (w, e) => {
      const status = e.changes.status;
      const outcome = status ? ` ${w.value('status', status.after).toLowerCase()}` : ` gewijzigd: ${w.changes()}`;
      return `Voorstel van ${w.value('proposingOrganisationId', w.field('proposingOrganisationId'))} aan ${w.value('receivingOrganisationId', w.field('receivingOrganisationId'))} (${proposalText(w)})${outcome}${how(e)}`;
    },
  },
  Organisation: {
    CREATE: (w, e) => `Organisatie ${named(w, e, 'organisation')} toegevoegd${how(e)}`,
    UPDATE: (w, e) => `Organisatie ${named(w, e, 'organisation')} gewijzigd${how(e)}: ${w.changes()}`,
  },
  VvtStatement: {
    UPDATE: (w, e) =>
      `Verklaring van toepasselijkheid, maatregel ${w.text('measureNumber') ?? named(w, e, 'vvtStatement')} bijgewerkt${how(e)}: ${w.changes(['measureNumber'])}`,
  },
  ProcessingActivity: {
    CREATE: (w, e) => `Verwerking${activityName(w)} toegevoegd aan het register van verwerkingen${how(e)}`,
    // An update names the activity only when it renames it (the trail records changed fields only).
    UPDATE: (w, e) => `Verwerking gewijzigd${how(e)}: ${w.changes()}`,
    DELETE: (w, e) => `Verwerking${activityName(w)} verwijderd uit het register van verwerkingen${how(e)}`,
  },
  VvtShare: {
    UPDATE: (w, e) => `Delen van de verklaring van toepasselijkheid gewijzigd${how(e)}: ${w.changes()}`,
  },
  Membership: {
    CREATE: (w, e) => {
      const role = w.field('role');
      return `${capitalise(person(w, 'email', 'iemand'))} lid gemaakt${typeof role === 'string' ? ` als ${w.value('role', role).toLowerCase()}` : ''}${how(e)}`;
    },
    UPDATE: (w, e) => {
      const officer = e.changes.officer;
      if (officer) {
        if (officer.hidden) return `Functie van ${person(w, 'email', 'een lid')} gewijzigd${how(e)}`;
        const who = capitalise(person(w, 'email', 'een lid'));
        const of = e.organisationId ? ` van ${w.name('organisation', e.organisationId)}` : '';
        const was = officer.before ? ` (was ${officerWords(w, officer.before)})` : '';
        return officer.after
          ? `${who} is nu ${officerWords(w, officer.after)}${of}${was}${how(e)}`
          : `${who} is geen ${officerWords(w, officer.before)} meer${of}${how(e)}`;
      }
      const role = e.changes.role;
      return role && !role.hidden
        ? `Rol van ${person(w, 'email', 'een lid')} gewijzigd${how(e)} van ${w.value('role', role.before).toLowerCase()} naar ${w.value('role', role.after).toLowerCase()}`
        : `Rol van ${person(w, 'email', 'een lid')} gewijzigd${how(e)}`;
    },
    DELETE: (w, e) =>
      `${capitalise(person(w, 'email', 'een lid'))} is geen lid meer${how(e)}${w.field('accessEnded') === true ? '; de toegang is beëindigd' : ''}`,
  },
  Attestation: {
    CONFIRM: (w, e) =>
      `Landschap bevestigd als actueel en volledig${how(e)}${typeof w.field('dataVersion') === 'number' ? ` (gegevensversie ${w.field('dataVersion')})` : ''}`,
  },
  Evidence: {
    CREATE: (w, e) => `Bewijsstuk ${w.text('title') ?? 'onbekend'} toegevoegd${how(e)}`,
    UPDATE: (w, e) => `Bewijsstuk gewijzigd${how(e)}: ${w.changes()}`,
    DELETE: (w, e) => `Bewijsstuk ${w.text('title') ?? 'onbekend'} verwijderd${how(e)}`,
  },
  Invitation: {
    INVITE: (w, e) => {
      const role = w.field('role');
      return `${capitalise(person(w, 'email', 'iemand'))} uitgenodigd${typeof role === 'string' ? ` als ${w.value('role', role).toLowerCase()}` : ''}${how(e)}`;
    },
    ACCEPT: (w, e) => `Uitnodiging aangenomen door ${person(w, 'email', 'de genodigde')}${how(e)}`,
  },
  User: {
    CREATE: (w, e) =>
      `${account(w)} aangemaakt${how(e)}${w.field('isInstanceAdmin') === true ? ' als beheerder van Grondplan' : ''}`,
    UPDATE: (w, e) => `${account(w)} bijgewerkt${how(e)}: ${w.changes(['email', 'membership', 'oneTimePasswordSet'])}`,
    DISABLE: (w, e) => `${account(w)} geblokkeerd${how(e)}`,
    ENABLE: (w, e) => `${account(w)} gedeblokkeerd${how(e)}`,
    RESET_PASSWORD: (w, e) =>
      `Wachtwoord van ${person(w, 'email', 'een account')} vervangen door een eenmalig wachtwoord${how(e)}`,
    CHANGE_PASSWORD: (w, e) => `Wachtwoord van ${person(w, 'email', 'een account')} gewijzigd${how(e)}`,
    REQUEST_PASSWORD_RESET: (w, e) =>
      `Link voor een nieuw wachtwoord gemaild naar ${person(w, 'email', 'een account')}${how(e)}`,
    RESET_PASSWORD_BY_MAIL: (w, e) =>
      `Wachtwoord van ${person(w, 'email', 'een account')} gewijzigd via een gemailde link${how(e)}`,
    SSO_PROVISION: (w, e) =>
      `${account(w)} aangemaakt bij de eerste keer inloggen via ${w.text('provider') ?? 'de inlogdienst van de organisatie'}${how(e)}${typeof w.field('role') === 'string' ? ` als ${w.value('role', w.field('role')).toLowerCase()}` : ''}`,
    SSO_LINK: (w, e) =>
      `${account(w)} gekoppeld aan ${w.text('provider') ?? 'de inlogdienst van de organisatie'}${how(e)}`,
    SSO_UNLINK: (w, e) =>
      `${account(w)} ontkoppeld van ${w.text('provider') ?? 'de inlogdienst van de organisatie'}${how(e)}`,
  },
  IdentityProvider: {
    CREATE: (w, e) => `Inlogdienst ${w.text('name') ?? 'onbekend'} toegevoegd${how(e)}`,
    UPDATE: (w, e) => `Inlogdienst ${w.text('name') ?? 'onbekend'} gewijzigd${how(e)}: ${w.changes(['name'])}`,
  },
  ApiToken: {
    CREATE: (w, e) => {
      const scope = w.field('scope');
      const expires = w.field('expiresAt');
      const details = [
        scope === 'READ_WRITE' ? 'lezen en schrijven' : scope === 'READ' ? 'alleen lezen' : '',
        typeof expires === 'string' ? `geldig tot ${w.value('expiresAt', expires)}` : '',
      ].filter(Boolean);
      return `${token(w)} aangemaakt${how(e)}${details.length ? ` (${details.join(', ')})` : ''}`;
    },
    REVOKE: (w, e) => `${token(w)} ingetrokken${how(e)}`,
  },
  Session: {
    SIGN_IN: (w, e) => `Ingelogd als ${person(w, 'email', 'een gebruiker')}${viaProvider(w)}${how(e)}`,
    SIGN_IN_FAILED: (w, e) =>
      `Inloggen als ${person(w, 'email', 'een gebruiker')}${viaProvider(w)} mislukt${how(e)}${w.text('reason') ? `: ${w.text('reason')}` : ''}`,
    SIGN_IN_THROTTLED: (w, e) =>
      `Inloggen als ${person(w, 'email', 'een gebruiker')} tijdelijk geweigerd${how(e)}: te veel pogingen`,
    SIGN_OUT: (w, e) => `Uitgelogd${w.text('email') ? ` als ${w.text('email')}` : ''}${how(e)}`,
    SESSION_END: (w, e) =>
      `Sessie${w.text('device') ? ` (${w.text('device')})` : ''} van ${person(w, 'email', 'een gebruiker')} beëindigd${how(e)}`,
    SECOND_FACTOR_REQUIRED: (w, e) =>
      `Wachtwoord van ${person(w, 'email', 'een gebruiker')} juist${how(e)}; tweede stap gevraagd`,
    SECOND_FACTOR_FAILED: (w, e) =>
      `Tweede stap van het inloggen als ${person(w, 'email', 'een gebruiker')} mislukt${how(e)}`,
    SECOND_FACTOR_LOCKED: (w, e) =>
      `Tweede stap van het inloggen als ${person(w, 'email', 'een gebruiker')} geblokkeerd${how(e)}: te veel onjuiste codes, tot een nieuw wachtwoord`,
  },
  SecondFactor: {
    ADD: (w, e) =>
      `${w.text('factor') === 'passkey' ? `Passkey ${w.text('name') ?? ''}`.trim() : 'Authenticator-app'} toegevoegd als tweede factor van ${person(w, 'email', 'een account')}${how(e)}`,
    REMOVE: (w, e) =>
      `${w.text('factor') === 'passkey' ? `Passkey ${w.text('name') ?? ''}`.trim() : 'Authenticator-app'} verwijderd als tweede factor van ${person(w, 'email', 'een account')}${how(e)}`,
    RECOVERY_CODES: (w, e) => `Nieuwe herstelcodes voor ${person(w, 'email', 'een account')}${how(e)}`,
  },
  Import: {
    CREATE: (w, e) =>
      `Bestand ${w.text('file') ?? e.entityId} ingelezen${e.source === 'CLI' ? ' via de opdrachtregel' : ''}${importSummary(w)}`,
  },
  Bio2: {
    IMPORT: (w, e) => {
      const n = (k: string) => (typeof w.field(k) === 'number' ? (w.field(k) as number) : 0);
      return `BIO2-overheidsmaatregelen ingelezen uit ${w.text('file') ?? e.entityId}: ${n('added')} toegevoegd, ${n('changed')} gewijzigd, ${n('moved')} verplaatst en ${n('removed')} verwijderd; ${n('total')} in totaal${n('linesOnMoved') ? `; ${n('linesOnMoved')} regels van verklaringen bij verplaatste maatregelen bewaard onder het oude nummer` : ''}`;
    },
  },
  Content: {
    SEED: (w, e) => {
      const c = w.field('content') as Record<string, unknown> | undefined;
      const n = (k: string) => (typeof c?.[k] === 'number' ? (c[k] as number) : 0);
      return `Inhoud ingelezen uit ${e.entityId}: ${n('organisations')} organisaties, ${n('products')} pakketten, ${n('usages')} gebruiken en ${n('interfaces')} koppelingen`;
    },
  },
};
