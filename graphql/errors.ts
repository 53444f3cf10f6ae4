// The few domain errors of Grondplan. They extend GraphQLError (and keep its name) so Yoga's masking lets their message through.
import { GraphQLError } from 'graphql';

/** The viewer may not do this to this data. */
export class ForbiddenError extends GraphQLError {
  constructor(message = 'Je hebt geen toegang tot deze gegevens.') {
    super(message, { extensions: { code: 'FORBIDDEN' } });
  }
}

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
    super(problems.map((p) => (p.path.length ? `${p.path.join('.')}: ${p.message}` : p.message)).join('; '), { extensions: { code: 'VALIDATION' } });
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

/** A mutation's typed errors for the errors plugin, with its result types named `<Name>Success` and `<Name>Result`. */
export function mutationErrors(name: string, types: (new (...args: never[]) => Error)[] = [ForbiddenError, NotFoundError, ValidationError, ConflictError]) {
  return { types, result: { name: `${name}Success` }, union: { name: `${name}Result` } };
}
