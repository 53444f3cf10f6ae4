// The view pages' choices from the address and the rows they show.
import { describe, expect, it } from 'vitest';
import { viewChoice, viewCoverage, viewOrganisation } from '#site/lib/gemma-view-page.ts';

describe('viewChoice', () => {
  it('reads colouring, group, size and up to three other organisations, without the own one or repeats', () => {
    const choice = viewChoice(
      new URLSearchParams('kleur=status&groep=id-38702&grootte=ware&met=emmen&met=coevorden&met=coevorden&met=a&met=b'),
      'emmen',
      '2026-12-01',
    );
    expect(choice).toEqual({
      colourBy: 'status',
      kleur: 'status',
      group: 'id-38702',
      others: ['coevorden', 'a', 'b'],
      actualSize: true,
      datum: null,
      dayAsked: { day: '2026-12-01', value: '2026-12-01', error: null },
    });
    expect(viewChoice(new URLSearchParams('datum=2027-07-01'), 'emmen', '2026-12-01').datum).toBe('2027-07-01');
  });

  it('falls back to architecture, the whole view and the page width; a group id with other characters is ignored', () => {
    expect(viewChoice(new URLSearchParams('kleur=roze&groep=%3Cscript%3E'), 'emmen', '2026-12-01')).toMatchObject({
      colourBy: 'architecture',
      kleur: 'architectuur',
      group: null,
      others: [],
      actualSize: false,
    });
    // A wrong day: today is drawn, and the page says what was wrong.
    const wrong = viewChoice(new URLSearchParams('datum=2027-02-30'), 'emmen', '2026-12-01');
    expect(wrong.datum).toBe('2026-12-01');
    expect(wrong.dayAsked.error).toContain('geen geldige datum');
  });
});

describe('the rows of the view pages', () => {
  const organisation = viewOrganisation(
    {
      slug: 'emmen',
      name: 'Emmen',
      usages: {
        edges: [
          {
            node: {
              id: 'u1',
              key: 'zac',
              status: 'IN_PRODUCTION',
              product: { name: 'ZAC', architecture: 'COMMON_GROUND' },
              referenceComponents: [{ gemmaId: 'a' }],
            },
          },
          {
            node: {
              id: 'u2',
              key: 'oud',
              status: 'RETIRED',
              product: { name: 'Oud', architecture: 'LEGACY' },
              referenceComponents: [{ gemmaId: 'b' }],
            },
          },
        ],
      },
    },
    (o, key) => `/organisaties/${o}/gebruik/${key}`,
  );

  it('takes each usage with the status the query answered and a link to its page', () => {
    expect(organisation.usages[0]).toEqual({
      id: 'u1',
      name: 'ZAC',
      href: '/organisaties/emmen/gebruik/zac',
      architecture: 'COMMON_GROUND',
      status: 'IN_PRODUCTION',
      referenceComponentIds: ['a'],
    });
  });

  it('counts per view the components the landscape covers, retired usages not counted', () => {
    const views = [
      { code: 'RC00', name: 'RC00 Alle', referenceComponents: [{ gemmaId: 'a' }, { gemmaId: 'b' }, { gemmaId: 'c' }] },
    ];
    expect(viewCoverage(views, organisation)).toEqual([{ code: 'RC00', name: 'RC00 Alle', covered: 1, total: 3 }]);
  });
});
