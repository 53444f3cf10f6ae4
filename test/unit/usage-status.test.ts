// The one map from a usage status to its date (core/usage-status.ts) names every status of the model, each with a
// column Usage really has, and reads and writes a usage's dates through it.
import { describe, expect, it } from 'vitest';
import {
  columnsOfKeys,
  datesByKey,
  datesByStatus,
  STATUS_DATE,
  STATUS_DATES_SELECT,
  USAGE_STATUSES,
} from '#core/usage-status.ts';
import { Prisma } from '#prisma/generated/sqlite/client/client.ts';
import { UsageStatus } from '#prisma/generated/sqlite/client/enums.ts';

describe('the status-date map', () => {
  it('has every status of the model, each with a date column of Usage and a key of its own', () => {
    expect(USAGE_STATUSES).toEqual(Object.keys(UsageStatus));
    const columns = Object.keys(STATUS_DATES_SELECT);
    expect(columns).toEqual(['acquiringSince', 'plannedSince', 'inProductionSince', 'phasingOutSince', 'retiredSince']);
    expect(Object.keys(Prisma.UsageScalarFieldEnum).filter((field) => field.endsWith('Since'))).toEqual(columns);
    expect(new Set(USAGE_STATUSES.map((s) => STATUS_DATE[s].key)).size).toBe(USAGE_STATUSES.length);
  });

  it('reads a usage’s dates by status and by key, and writes content’s dates to their columns', () => {
    const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
    const usage = {
      acquiringSince: null,
      plannedSince: day('2025-01-01'),
      inProductionSince: day('2025-06-01'),
      phasingOutSince: null,
      retiredSince: null,
    };
    const text = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;
    expect(datesByStatus(usage, text)).toEqual({
      ACQUIRING: null,
      PLANNED: '2025-01-01',
      IN_PRODUCTION: '2025-06-01',
      PHASING_OUT: null,
      RETIRED: null,
    });
    expect(datesByKey(usage, text)).toEqual({
      acquiring: null,
      planned: '2025-01-01',
      inProduction: '2025-06-01',
      phasingOut: null,
      retired: null,
    });
    expect(columnsOfKeys({ planned: '2025-01-01', inProduction: '2025-06-01' }, (d) => (d ? day(d) : null))).toEqual(
      usage,
    );
  });
});
