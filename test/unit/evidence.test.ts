// Evidence documents: who reads one by its visibility, the rules across its fields, its expiry on a day and the
// dashboards' counts, worked out by hand.
import { describe, expect, it } from 'vitest';
import type { Viewer } from '#core/context.ts';
import {
  byExpiry,
  type EvidenceAccess,
  evidenceExpiry,
  evidenceListedFor,
  evidenceProblems,
  evidenceReadableBy,
  expiredEvidence,
  mayReadEvidence,
} from '#core/evidence.ts';

const viewer = (organisationIds: string[], isInstanceAdmin = false) =>
  ({ userId: 'u', organisationIds, isInstanceAdmin }) as unknown as Viewer;
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('who reads a document', () => {
  const own: EvidenceAccess = { organisationId: 'emmen', visibility: 'OWN', partnerIds: [] };
  const named: EvidenceAccess = { organisationId: 'emmen', visibility: 'NAMED', partnerIds: ['coevorden'] };
  const all: EvidenceAccess = { organisationId: 'emmen', visibility: 'ALL_MEMBERS', partnerIds: [] };

  it('keeps OWN with the owner’s members, not even instance administrators or anonymous visitors', () => {
    expect(mayReadEvidence(viewer(['emmen']), own)).toBe(true);
    expect(mayReadEvidence(viewer(['coevorden']), own)).toBe(false);
    expect(mayReadEvidence(viewer([], true), own)).toBe(false);
    expect(mayReadEvidence(null, own)).toBe(false);
    expect(mayReadEvidence('operator', own)).toBe(true);
  });

  it('gives NAMED to the named partners’ members only', () => {
    expect(mayReadEvidence(viewer(['coevorden']), named)).toBe(true);
    expect(mayReadEvidence(viewer(['borger-odoorn']), named)).toBe(false);
    expect(mayReadEvidence(viewer(['emmen']), named)).toBe(true);
  });

  it('gives ALL_MEMBERS to every signed-in member, not to an account without membership or anonymous', () => {
    expect(mayReadEvidence(viewer(['borger-odoorn']), all)).toBe(true);
    expect(mayReadEvidence(viewer([], true), all)).toBe(false);
    expect(mayReadEvidence(null, all)).toBe(false);
    expect(evidenceReadableBy([], all)).toBe(false);
  });
});

describe('which documents an organisation’s lists show a reader', () => {
  const doc = (organisationId: string, visibility: EvidenceAccess['visibility']) => ({ organisationId, visibility });

  it('shows the organisation’s own members everything it may read', () => {
    expect(evidenceListedFor(['emmen'], 'emmen', doc('coevorden', 'NAMED'))).toBe(true);
    expect(evidenceListedFor(['borger-odoorn', 'emmen'], 'emmen', doc('coevorden', 'NAMED'))).toBe(true);
  });

  it('shows a reader from elsewhere no third organisation’s document shared by name', () => {
    expect(evidenceListedFor(['borger-odoorn'], 'emmen', doc('coevorden', 'NAMED'))).toBe(false);
    expect(evidenceListedFor(['borger-odoorn'], 'emmen', doc('coevorden', 'OWN'))).toBe(false);
    expect(evidenceListedFor([], 'emmen', doc('coevorden', 'NAMED'))).toBe(false);
    expect(evidenceListedFor(['borger-odoorn'], 'emmen', doc('coevorden', 'ALL_MEMBERS'))).toBe(true);
    expect(evidenceListedFor(['borger-odoorn'], 'emmen', doc('emmen', 'NAMED'))).toBe(true);
    expect(evidenceListedFor(['borger-odoorn'], 'emmen', doc('borger-odoorn', 'NAMED'))).toBe(true);
  });
});

describe('expiry', () => {
  const today = day('2026-12-01');
  it('is expired the day after the last valid day, expiring up to 60 days ahead, valid after', () => {
    expect(evidenceExpiry(day('2026-11-30'), today)).toBe('EXPIRED');
    expect(evidenceExpiry(day('2026-12-01'), today)).toBe('EXPIRING');
    // 1 December + 60 days = 30 January 2027.
    expect(evidenceExpiry(day('2027-01-30'), today)).toBe('EXPIRING');
    expect(evidenceExpiry(day('2027-01-31'), today)).toBe('VALID');
    expect(evidenceExpiry(null, today)).toBe('NO_END');
  });

  it('counts expired and expiring documents for the dashboards', () => {
    const docs = ['2025-06-30', '2026-11-30', '2026-12-01', '2027-01-30', '2027-01-31'].map((d) => ({
      validUntil: day(d),
    }));
    expect(expiredEvidence([...docs, { validUntil: null }], today)).toEqual({ total: 6, expired: 2, expiring: 2 });
    expect(expiredEvidence([], today)).toEqual({ total: 0, expired: 0, expiring: 0 });
  });

  it('lists the first to expire first, those without an end last, equal ends by title', () => {
    const docs = [
      { title: 'B', validUntil: day('2027-03-01') },
      { title: 'Z', validUntil: null },
      { title: 'C', validUntil: day('2026-01-01') },
      { title: 'A', validUntil: day('2027-03-01') },
    ];
    expect(byExpiry(docs).map((d) => d.title)).toEqual(['C', 'A', 'B', 'Z']);
  });
});

describe('rules across fields', () => {
  const base = {
    validFrom: day('2026-01-01'),
    validUntil: day('2027-01-01'),
    link: null,
    hasFile: true,
    visibility: 'OWN' as const,
    partnerCount: 0,
  };
  it('takes a file with a valid period', () => {
    expect(evidenceProblems(base)).toEqual([]);
    expect(evidenceProblems({ ...base, hasFile: false, link: 'https://leverancier.example/iso.pdf' })).toEqual([]);
  });

  it('says in Dutch what is wrong', () => {
    expect(evidenceProblems({ ...base, validUntil: day('2025-12-31') })).toEqual([
      { field: 'validUntil', message: 'De einddatum ligt voor de begindatum.' },
    ]);
    expect(evidenceProblems({ ...base, link: 'https://a.example/x' }).map((p) => p.field)).toEqual(['link']);
    expect(evidenceProblems({ ...base, hasFile: false }).map((p) => p.field)).toEqual(['file']);
    expect(evidenceProblems({ ...base, hasFile: false, link: 'http://a.example/x' })).toEqual([
      { field: 'link', message: 'Een link begint met https:// en bevat geen spaties.' },
    ]);
    expect(evidenceProblems({ ...base, hasFile: false, link: 'javascript:alert(1)' }).map((p) => p.field)).toEqual([
      'link',
    ]);
    expect(evidenceProblems({ ...base, visibility: 'NAMED' }).map((p) => p.field)).toEqual(['partners']);
  });
});
