// The few domain errors of Grondplan. They extend GraphQLError (and keep its name) so Yoga's masking lets their message through.
import { GraphQLError } from 'graphql';

/** The viewer may not do this to this data. */
export class ForbiddenError extends GraphQLError {
  constructor(message = 'Je hebt geen toegang tot deze gegevens.') {
    super(message, { extensions: { code: 'FORBIDDEN' } });
  }
}

/** The Dutch name of what an id names, by GraphQL type; a type not listed is called by its own name. */
const ENTITY_NAMES: Record<string, string> = {
  Usage: 'Gebruik',
  Interface: 'Koppeling',
  Product: 'Pakket',
  Supplier: 'Leverancier',
  Programme: 'Programma',
  Migration: 'Migratie',
  Scenario: 'Scenario',
  ReferenceProposal: 'Voorstel',
  Organisation: 'Organisatie',
  Evidence: 'Bewijsstuk',
};
export const entityName = (typename: string): string => ENTITY_NAMES[typename] ?? typename;

/** The thing asked for does not exist (or is not visible to the viewer). */
export class NotFoundError extends GraphQLError {
  readonly entity: string;
  constructor(entity: string, reference: string) {
    super(`${entity} "${reference}" bestaat niet.`, { extensions: { code: 'NOT_FOUND' } });
    this.entity = entity;
  }
}

export interface FieldProblem {
  /** Path of the input field, e.g. ["input", "availability"]. */
  path: string[];
  message: string;
}

/** Input was refused; each problem names the field it is about. */
export class ValidationError extends GraphQLError {
  readonly problems: FieldProblem[];
  constructor(problems: FieldProblem[]) {
    super(problems.map((p) => (p.path.length ? `${p.path.join('.')}: ${p.message}` : p.message)).join('; '), {
      extensions: { code: 'VALIDATION' },
    });
    this.problems = problems;
  }
}

/** The data changed since the caller read it; nothing was overwritten. */
export class ConflictError extends GraphQLError {
  readonly currentRevision: number;
  constructor(message: string, currentRevision: number) {
    super(message, { extensions: { code: 'CONFLICT' } });
    this.currentRevision = currentRevision;
  }
}

/**
 * Whether a write was refused by a unique constraint (Prisma's P2002, the same on either provider's client): another
 * write took the key between a check and this write. Inside a PostgreSQL transaction no further statement runs then.
 */
export const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';

/** A mutation's typed errors for the errors plugin, with its result types named `<Name>Success` and `<Name>Result`. */
export function mutationErrors(
  name: string,
  types: (new (...args: never[]) => Error)[] = [ForbiddenError, NotFoundError, ValidationError, ConflictError],
) {
  return { types, result: { name: `${name}Success` }, union: { name: `${name}Result` } };
}

/** A date the change sets lies before today (Europe/Amsterdam); repeated with the confirmation flag, it is accepted. */
export interface PastDate {
  /** Input field, e.g. "plannedStart". */
  field: string;
  /** The date as ISO day, e.g. "2026-03-01". */
  date: string;
  /** Why it matters, in Dutch: "Gepland begin 1 maart 2026 ligt in het verleden: …". */
  reason: string;
}

/** The change sets a date in the past; nothing was changed. Send it again with `confirmPastDates: true` to accept it. */
export class PastDateError extends GraphQLError {
  readonly dates: PastDate[];
  constructor(dates: PastDate[]) {
    super(
      `Weet je het zeker? ${dates.map((d) => d.reason).join(' ')} Er is niets veranderd; stuur de wijziging opnieuw met confirmPastDates om haar toch op te slaan.`,
      { extensions: { code: 'CONFIRM_PAST_DATE' } },
    );
    this.dates = dates;
  }
}

/** One change in a scenario that stops it from being applied, by name, with the reason. */
export interface ScenarioBlocker {
  /** What the change is, by name: "Migratie zaakregistratie-open-zaak (Gemeente Emmen)". */
  change: string;
  reason: string;
}

/** A scenario holds changes the viewer may not (or can no longer) apply; nothing was applied. */
export class ScenarioBlockedError extends GraphQLError {
  readonly blockers: ScenarioBlocker[];
  constructor(blockers: ScenarioBlocker[]) {
    super(
      `Dit scenario kan niet worden toegepast: ${blockers.length === 1 ? 'één wijziging houdt het tegen' : `${blockers.length} wijzigingen houden het tegen`}. Er is niets toegepast.`,
      { extensions: { code: 'SCENARIO_BLOCKED' } },
    );
    this.blockers = blockers;
  }
}
