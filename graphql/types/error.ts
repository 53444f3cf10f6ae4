// The Error interface and the GraphQL types of the domain errors; mutations list the ones they can return.

import {
  ConflictError,
  type FieldProblem,
  ForbiddenError,
  NotFoundError,
  type PastDate,
  PastDateError,
  ScenarioBlockedError,
  type ScenarioBlocker,
  ValidationError,
} from '#core/errors.ts';
import { builder } from '../builder.ts';

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description: 'Something the caller can act on went wrong; nothing was changed.',
  fields: (t) => ({ message: t.exposeString('message') }),
});

builder.objectType(ForbiddenError, {
  name: 'ForbiddenError',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof ForbiddenError,
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof NotFoundError,
  fields: (t) => ({ entity: t.exposeString('entity') }),
});

const FieldProblemRef = builder.objectRef<FieldProblem>('FieldProblem').implement({
  fields: (t) => ({ path: t.exposeStringList('path'), message: t.exposeString('message') }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof ValidationError,
  fields: (t) => ({ problems: t.field({ type: [FieldProblemRef], resolve: (e) => e.problems }) }),
});

builder.objectType(ConflictError, {
  name: 'ConflictError',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof ConflictError,
  fields: (t) => ({ currentRevision: t.exposeInt('currentRevision') }),
});

const PastDateRef = builder.objectRef<PastDate>('PastDate').implement({
  description: 'A date a change sets that lies before today (Europe/Amsterdam).',
  fields: (t) => ({
    field: t.exposeString('field', { description: 'The input field, e.g. plannedStart.' }),
    date: t.exposeString('date', { description: 'The date (YYYY-MM-DD).' }),
    reason: t.exposeString('reason', { description: 'What a date in the past means here, in Dutch.' }),
  }),
});

builder.objectType(PastDateError, {
  name: 'PastDateError',
  description:
    'The change sets a date in the past; nothing was changed. Send it again with confirmPastDates: true to accept it.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof PastDateError,
  fields: (t) => ({ dates: t.field({ type: [PastDateRef], resolve: (e) => e.dates }) }),
});

export const ScenarioBlockerRef = builder.objectRef<ScenarioBlocker>('ScenarioBlocker').implement({
  description: 'A change in a scenario that stops the viewer from applying it.',
  fields: (t) => ({
    change: t.exposeString('change', {
      description: 'The change by name, e.g. "Migratie zaakregistratie-open-zaak (Gemeente Emmen)".',
    }),
    reason: t.exposeString('reason', { description: 'Why it blocks the apply, in Dutch.' }),
  }),
});

builder.objectType(ScenarioBlockedError, {
  name: 'ScenarioBlockedError',
  description: 'The scenario holds changes the viewer may not, or can no longer, apply; nothing was applied.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof ScenarioBlockedError,
  fields: (t) => ({ blockers: t.field({ type: [ScenarioBlockerRef], resolve: (e) => e.blockers }) }),
});
