// The proposals page's sentences and confirmation steps, against hand-made proposals.
import { describe, expect, it } from 'vitest';
import {
  decidedProposals,
  describeProposal,
  type InterfaceFromOther,
  interfaceEnd,
  operatedLoad,
  type Proposal,
  type ProposalsOf,
  proposalConfirmation,
} from '#site/lib/proposals.ts';

const emmen = { slug: 'emmen', name: 'Emmen' };
const dimpact = { slug: 'dimpact', name: 'Dimpact' };
const proposal = (over: Partial<Proposal>): Proposal => ({
  id: 'p1',
  kind: 'OPERATOR',
  status: 'PENDING',
  createdAt: '2026-11-01T10:00:00Z',
  decidedAt: null,
  interfaceKey: null,
  proposingOrganisation: emmen,
  receivingOrganisation: dimpact,
  usage: {
    key: 'zaak',
    product: { name: 'Open Zaak' },
    organisation: emmen,
    beheerLoad: [{ role: 'TECHNICAL_MANAGEMENT', fte: 0.5 }],
  },
  targetUsage: null,
  viewerCanDecide: true,
  viewerCanWithdraw: false,
  ...over,
});
const detach: InterfaceFromOther = {
  id: 'i1',
  key: 'zaak--portaal',
  organisation: emmen,
  from: { product: { name: 'Open Zaak' } },
  to: { key: 'portaal', product: { name: 'Portaal' }, organisation: { slug: 'dimpact' } },
  intermediary: null,
};
const via: InterfaceFromOther = {
  ...detach,
  id: 'i2',
  to: null,
  intermediary: { key: 'esb', product: { name: 'ESB' }, organisation: { slug: 'dimpact' } },
};
const of = (over: Partial<ProposalsOf> = {}): ProposalsOf => ({
  name: 'Dimpact',
  incomingProposals: [],
  outgoingProposals: [],
  operatedForOthers: [],
  interfacesFromOthers: [],
  ...over,
});

describe('proposals in words', () => {
  it('describe each kind, with the load a pending operator takes on', () => {
    expect(operatedLoad([{ role: 'TECHNICAL_MANAGEMENT', fte: 0.25 }])).toBe('0,25');
    expect(operatedLoad([{ role: 'FUNCTIONAL_MANAGEMENT', fte: 1 }])).toBe('0');
    expect(describeProposal(proposal({}))).toBe(
      'Dimpact levert technisch beheer voor Open Zaak van Emmen (last technisch beheer nu 0,5 fte)',
    );
    expect(describeProposal(proposal({ status: 'ACCEPTED' }))).toBe(
      'Dimpact levert technisch beheer voor Open Zaak van Emmen',
    );
    const target = { key: 'portaal', product: { name: 'Portaal' }, organisation: dimpact };
    expect(describeProposal(proposal({ kind: 'INTERFACE_TO', interfaceKey: 'k1', targetUsage: target }))).toBe(
      'Koppeling k1 van Open Zaak (Emmen) naar Portaal van Dimpact',
    );
    expect(describeProposal(proposal({ kind: 'INTERFACE_VIA', interfaceKey: 'k2' }))).toBe(
      'Koppeling k2 van Open Zaak (Emmen) via een gebruik van Dimpact',
    );
    expect(interfaceEnd(detach, 'dimpact')).toBe('naar Portaal');
    expect(interfaceEnd(via, 'dimpact')).toBe('via ESB');
  });

  it('list the 30 latest decisions, newest first, without the pending ones', () => {
    const decided = Array.from({ length: 32 }, (_, i) =>
      proposal({ id: `d${i}`, status: 'DECLINED', decidedAt: `2026-10-${String((i % 28) + 1).padStart(2, '0')}` }),
    );
    const list = decidedProposals({
      incomingProposals: [proposal({}), ...decided.slice(0, 16)],
      outgoingProposals: decided.slice(16),
    });
    expect(list).toHaveLength(30);
    expect(list.every((p) => p.status !== 'PENDING')).toBe(true);
    expect(list[0]?.decidedAt).toBe('2026-10-28');
    expect(list.map((p) => p.decidedAt)).toEqual([...list.map((p) => p.decidedAt)].sort().reverse());
  });
});

describe('the confirmation before undoing what another organisation relies on', () => {
  it('names a declined or withdrawn proposal and what happens to it', () => {
    const declined = proposalConfirmation(
      'afwijzen',
      'p1',
      of({ incomingProposals: [proposal({})] }),
      'dimpact',
      '/organisaties/dimpact/voorstellen',
    );
    expect(declined).toEqual({
      fields: { actie: 'afwijzen', id: 'p1' },
      cancelHref: '/organisaties/dimpact/voorstellen',
      title: 'Voorstel afwijzen?',
      lead: 'Dimpact levert technisch beheer voor Open Zaak van Emmen (last technisch beheer nu 0,5 fte). Open Zaak van Emmen houdt de technisch beheerder die het nu heeft.',
      consequences: ['Emmen ziet dat het voorstel is afgewezen; een nieuw voorstel kan later.'],
      confirmLabel: 'Ja, afwijzen',
    });
    const withdrawn = proposalConfirmation(
      'intrekken',
      'p2',
      of({ outgoingProposals: [proposal({ id: 'p2', kind: 'INTERFACE_VIA', interfaceKey: 'k2' })] }),
      'emmen',
      '/v',
    );
    expect(withdrawn).toMatchObject({
      title: 'Voorstel intrekken?',
      lead: 'Koppeling k2 van Open Zaak (Emmen) via een gebruik van Dimpact. De koppeling k2 van Emmen loopt dan niet meer via dit gebruik.',
      consequences: ['Dimpact hoeft er dan niet meer over te besluiten; een nieuw voorstel kan later.'],
    });
    // Already decided, or not there: a sentence instead.
    expect(
      proposalConfirmation(
        'afwijzen',
        'p1',
        of({ incomingProposals: [proposal({ status: 'ACCEPTED' })] }),
        'dimpact',
        '/v',
      ),
    ).toBe('Dit voorstel wacht niet (meer) op een besluit.');
  });

  it('names the technisch beheer that ends and the koppeling that is detached', () => {
    const operated = {
      id: 'u1',
      key: 'zaak',
      revision: 1,
      beheerLoad: [{ role: 'TECHNICAL_MANAGEMENT', fte: 1.5 }],
      product: { name: 'Open Zaak' },
      organisation: emmen,
    };
    expect(
      proposalConfirmation('beheer-beeindigen', 'u1', of({ operatedForOthers: [operated] }), 'dimpact', '/v'),
    ).toMatchObject({
      title: 'Technisch beheer van Open Zaak voor Emmen beëindigen?',
      consequences: [
        'De last voor technisch beheer (1,5 fte) telt niet meer mee in de beheercapaciteit van Dimpact.',
        'Emmen moet opnieuw een beheerder kiezen.',
      ],
    });
    expect(proposalConfirmation('beheer-beeindigen', 'u9', of(), 'dimpact', '/v')).toBe(
      'Dimpact levert hiervoor (al) geen technisch beheer.',
    );
    expect(
      proposalConfirmation('losmaken', 'i1', of({ interfacesFromOthers: [detach, via] }), 'dimpact', '/v'),
    ).toMatchObject({
      title: 'Koppeling zaak--portaal van Emmen losmaken?',
      lead: 'De koppeling zaak--portaal van Open Zaak (Emmen) naar Portaal wordt verwijderd.',
    });
    expect(
      proposalConfirmation('losmaken', 'i2', of({ interfacesFromOthers: [detach, via] }), 'dimpact', '/v'),
    ).toMatchObject({
      lead: 'De koppeling zaak--portaal van Open Zaak (Emmen) loopt daarna niet meer via ESB.',
    });
    expect(proposalConfirmation('losmaken', 'i9', of(), 'dimpact', '/v')).toBe(
      'Deze koppeling verwijst niet (meer) naar een gebruik van deze organisatie.',
    );
    expect(proposalConfirmation('iets', 'x', of(), 'dimpact', '/v')).toBe('Onbekende actie.');
  });
});
