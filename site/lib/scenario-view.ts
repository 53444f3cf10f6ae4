// The scenario page (/transitie/scenarios/[id]) without its markup: the signals it resolves or introduces, the roles
// and migrations it shows, the confirmation steps of applying, discarding and moving into the past, and the answer's
// HTTP status.
import { compareNl } from '#core/collation.ts';
import type { PendingConfirmation } from './forms.ts';
import { dateNl, type roleLabel } from './labels.ts';

export type Role = keyof typeof roleLabel;
export interface Check {
  kind: string;
  message: string;
}
/** A migration's dates and effort on one side (plan or scenario) of the comparison. */
export interface Side {
  plannedStart: string;
  plannedEnd: string;
  parallelRunStart: string | null;
  parallelRunEnd: string | null;
  wave: number;
  effort: number;
}
export interface Cell {
  organisation: string;
  role: Role;
  quarter: string;
  liveBalance: number | null;
  scenarioBalance: number | null;
  liveDemand: number;
  scenarioDemand: number;
  liveAvailable: number | null;
  scenarioAvailable: number | null;
  changed: boolean;
  past: boolean;
}
/** A migration the page can name: by its target product, of its organisation. */
export interface MigrationChoice {
  id: string;
  key: string;
  organisation: { slug: string; name: string };
  targetProduct: { name: string };
}

/** The signals the scenario resolves (only in the plan), introduces (only in the scenario) and keeps (in both), by message. */
export function checkChanges(live: readonly Check[], scenario: readonly Check[]) {
  const onlyIn = (a: readonly Check[], b: readonly Check[]) => a.filter((x) => !b.some((y) => y.message === x.message));
  return {
    resolved: onlyIn(live, scenario),
    introduced: onlyIn(scenario, live),
    remaining: scenario.filter((x) => live.some((y) => y.message === x.message)),
  };
}

/** How many signals of a kind (OVER_ALLOCATED, CAPACITY_UNKNOWN, AFTER_DEADLINE) there are. */
export const countKind = (checks: readonly { kind: string }[], kind: string) =>
  checks.filter((x) => x.kind === kind).length;

/** The roles of an organisation that have any capacity or demand, in the plan or the scenario, in the order of the labels. */
export function rolesWithFigures(cells: readonly Cell[], organisation: string, roles: readonly Role[]): Role[] {
  return roles.filter((role) =>
    cells.some(
      (x) =>
        x.organisation === organisation &&
        x.role === role &&
        ((x.liveAvailable ?? 0) > 0 || x.liveDemand > 0 || (x.scenarioAvailable ?? 0) > 0 || x.scenarioDemand > 0),
    ),
  );
}

/** Whether a quarter is before today's (any of its cells says so). */
export const pastQuarter = (cells: readonly Cell[], quarter: string) =>
  cells.some((x) => x.quarter === quarter && x.past);

/** A parallel run as dates, or "–" without one. */
export const parallelPeriod = (side: Side) =>
  side.parallelRunStart ? `${dateNl(side.parallelRunStart)} – ${dateNl(side.parallelRunEnd)}` : '–';

/** The migrations the viewer may move: in the scenario and of an organisation the viewer edits, by organisation and key. */
export function movableMigrations<M extends MigrationChoice>(
  all: readonly M[],
  inScenario: ReadonlySet<string>,
  editable: ReadonlySet<string>,
): M[] {
  return all
    .filter((m) => inScenario.has(m.id) && editable.has(m.organisation.slug))
    .sort((a, b) => compareNl(a.organisation.name, b.organisation.name) || a.key.localeCompare(b.key));
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

interface ApplyInput {
  name: string;
  revision: number;
  blocked: boolean;
  cells: readonly Pick<Cell, 'liveAvailable' | 'scenarioAvailable'>[];
  migrations: readonly { key: string; organisation: string; scenario: Side }[];
}
/** "Weet je het zeker" before applying: how many migrations and capacity figures change, each migration by name and dates. */
export function applyConfirmation(
  s: ApplyInput,
  names: { migrations: readonly MigrationChoice[]; organisations: ReadonlyMap<string, string> },
  pathname: string,
): PendingConfirmation {
  const changedFigures = s.cells.filter((x) => x.liveAvailable !== x.scenarioAvailable).length;
  return {
    title: `Scenario ${s.name} toepassen op het plan?`,
    lead: `Toepassen schrijft wat het scenario verandert in het echte plan, in één keer: ${plural(s.migrations.length, 'migratie', 'migraties')} en ${plural(changedFigures, 'capaciteitscijfer', 'capaciteitscijfers')}.`,
    consequences: [
      ...s.migrations.map(
        (m) =>
          `Migratie naar ${names.migrations.find((x) => x.key === m.key && x.organisation.slug === m.organisation)?.targetProduct.name ?? m.key} (${names.organisations.get(m.organisation) ?? m.organisation}) begint op ${dateNl(m.scenario.plannedStart)} en eindigt op ${dateNl(m.scenario.plannedEnd)}.`,
      ),
      'Elke migratie en organisatie krijgt een regel in de wijzigingsgeschiedenis; het scenario is daarna toegepast en verandert niet meer.',
    ],
    fields: { actie: 'toepassen', revision: s.revision },
    confirmLabel: 'Ja, toepassen',
    cancelHref: `${pathname}#besluiten`,
    canConfirm: !s.blocked,
  };
}

/** "Weet je het zeker" before discarding. */
export const discardConfirmation = (name: string, revision: number, pathname: string): PendingConfirmation => ({
  title: `Scenario ${name} verwerpen?`,
  lead: 'Het plan verandert niet. Het scenario blijft te lezen, maar kan daarna niet meer worden aangepast of toegepast.',
  fields: { actie: 'verwerpen', revision },
  confirmLabel: 'Ja, verwerpen',
  cancelHref: `${pathname}#besluiten`,
});

/** "Weet je het zeker" when a move puts dates in the past; the same move again with the confirmation accepts it. */
export function pastMoveConfirmation(
  moved: MigrationChoice | undefined,
  form: { revision: number; migration: string; newStart: string },
  pathname: string,
): PendingConfirmation {
  const name = moved ? `migratie naar ${moved.targetProduct.name} van ${moved.organisation.name}` : 'migratie';
  return {
    title: `De ${name} laten beginnen in het verleden?`,
    lead: `Weet je het zeker? Het nieuwe begin, ${dateNl(form.newStart)}, zet data van de ${name} in het verleden.`,
    fields: { actie: 'verplaatsen', revision: form.revision, migratie: form.migration, nieuwBegin: form.newStart },
    confirmLabel: 'Ja, toch verplaatsen',
    cancelHref: `${pathname}#aanpassen`,
  };
}

/** The HTTP status of a refused change: not allowed, changed by someone else or blocked, or otherwise unprocessable. */
export const refusalStatus = (typename: string) =>
  typename === 'ForbiddenError' ? 403 : typename === 'ConflictError' || typename === 'ScenarioBlockedError' ? 409 : 422;

/** The notice after a redirect (`?klaar=...`). */
export const doneNotice = (done: string | null) => DONE[done ?? ''] ?? '';
const DONE: Record<string, string> = {
  toegepast: 'Het scenario is toegepast op het plan.',
  verworpen: 'Het scenario is verworpen; het plan is niet veranderd.',
  opgeslagen: 'Opgeslagen in het scenario. Het plan zelf is niet veranderd.',
};

/** The organisations a viewer may make a scenario for: where they are editor or administrator. */
export const editableOrganisations = <O>(memberships: readonly { role: string; organisation: O }[]): O[] =>
  memberships.filter((m) => m.role === 'EDITOR' || m.role === 'ADMIN').map((m) => m.organisation);
