// The proposals page (/organisaties/[slug]/voorstellen) without its markup: what a proposal is about in one sentence,
// the technisch beheer load, the mutations behind its buttons, and the confirmation asked before undoing what another
// organisation relies on.
import type { PendingConfirmation } from './forms.ts';

interface UsageRef {
  key: string;
  beheerLoad?: readonly { role: string; fte: number }[];
  product: { name: string };
  organisation: { slug: string; name: string };
}
export interface Proposal {
  id: string;
  kind: 'OPERATOR' | 'INTERFACE_TO' | 'INTERFACE_VIA';
  status: 'PENDING' | 'ACCEPTED' | 'DECLINED' | 'WITHDRAWN' | 'ENDED';
  createdAt: string;
  decidedAt: string | null;
  interfaceKey: string | null;
  proposingOrganisation: { slug: string; name: string };
  receivingOrganisation: { slug: string; name: string };
  usage: UsageRef;
  targetUsage: UsageRef | null;
  viewerCanDecide: boolean;
  viewerCanWithdraw: boolean;
}
export interface OperatedUsage {
  id: string;
  key: string;
  revision: number;
  beheerLoad: readonly { role: string; fte: number }[];
  product: { name: string };
  organisation: { slug: string; name: string };
}
export interface InterfaceFromOther {
  id: string;
  key: string;
  organisation: { slug: string; name: string };
  from: { product: { name: string } };
  to: { key: string; product: { name: string }; organisation: { slug: string } } | null;
  intermediary: { key: string; product: { name: string }; organisation: { slug: string } } | null;
}
/** What the page knows of the organisation when it asks for a confirmation. */
export interface ProposalsOf {
  name: string;
  incomingProposals: readonly Proposal[];
  outgoingProposals: readonly Proposal[];
  operatedForOthers: readonly OperatedUsage[];
  interfacesFromOthers: readonly InterfaceFromOther[];
}

/** The mutation behind each button (`actie`), and the notice once it went through. */
export const proposalMutations: Record<string, { field: string; text: string; done: string }> = {
  aanvaarden: {
    field: 'acceptReferenceProposal',
    text: 'mutation Accept($id: ID!) { acceptReferenceProposal(id: $id) { __typename ... on Error { message } } }',
    done: 'Het voorstel is aanvaard.',
  },
  afwijzen: {
    field: 'declineReferenceProposal',
    text: 'mutation Decline($id: ID!) { declineReferenceProposal(id: $id) { __typename ... on Error { message } } }',
    done: 'Het voorstel is afgewezen.',
  },
  intrekken: {
    field: 'withdrawReferenceProposal',
    text: 'mutation Withdraw($id: ID!) { withdrawReferenceProposal(id: $id) { __typename ... on Error { message } } }',
    done: 'Het voorstel is ingetrokken.',
  },
  'beheer-beeindigen': {
    field: 'stopOperatingUsage',
    text: 'mutation Stop($id: ID!) { stopOperatingUsage(id: $id) { __typename ... on Error { message } } }',
    done: 'Het technisch beheer is beëindigd.',
  },
  'last-instellen': {
    field: 'setOperatedLoad',
    text: 'mutation Load($id: ID!, $revision: Int!, $fte: Float!) { setOperatedLoad(id: $id, revision: $revision, fte: $fte) { __typename ... on Error { message } } }',
    done: 'De last voor technisch beheer is bijgewerkt.',
  },
  losmaken: {
    field: 'detachInterface',
    text: 'mutation Detach($id: ID!) { detachInterface(id: $id) { __typename ... on Error { message } } }',
    done: 'De koppeling is losgemaakt.',
  },
};
/** The actions that undo what another organisation relies on: each asks first. */
export const GUARDED_ACTIONS = ['afwijzen', 'intrekken', 'beheer-beeindigen', 'losmaken'];

/** The technisch beheer load of a usage, in FTE with a decimal comma ("0,5"; "0" without one). */
export function operatedLoad(load: readonly { role: string; fte: number }[]) {
  return String(load.find((l) => l.role === 'TECHNICAL_MANAGEMENT')?.fte ?? 0).replace('.', ',');
}

/** What a proposal is about, in one sentence. */
export function describeProposal(p: Proposal) {
  const target = p.targetUsage
    ? `${p.targetUsage.product.name} van ${p.receivingOrganisation.name}`
    : `een gebruik van ${p.receivingOrganisation.name}`;
  if (p.kind === 'OPERATOR')
    return `${p.receivingOrganisation.name} levert technisch beheer voor ${p.usage.product.name} van ${p.proposingOrganisation.name}${
      // While it waits: the load the operator takes on by accepting (after that it is the operator's figure).
      p.status === 'PENDING' ? ` (last technisch beheer nu ${operatedLoad(p.usage.beheerLoad ?? [])} fte)` : ''
    }`;
  if (p.kind === 'INTERFACE_TO')
    return `Koppeling ${p.interfaceKey ?? ''} van ${p.usage.product.name} (${p.proposingOrganisation.name}) naar ${target}`;
  return `Koppeling ${p.interfaceKey ?? ''} van ${p.usage.product.name} (${p.proposingOrganisation.name}) via ${target}`;
}

/** How another organisation's koppeling reaches this one: to one of its usages, or through one. */
export const interfaceEnd = (i: InterfaceFromOther, slug: string) =>
  i.to?.organisation.slug === slug ? `naar ${i.to.product.name}` : `via ${i.intermediary?.product.name ?? ''}`;

/** The 30 latest decided proposals, either way, newest first. */
export function decidedProposals(o: Pick<ProposalsOf, 'incomingProposals' | 'outgoingProposals'>): Proposal[] {
  return [...o.incomingProposals, ...o.outgoingProposals]
    .filter((p) => p.status !== 'PENDING')
    .sort((a, b) => (b.decidedAt ?? '').localeCompare(a.decidedAt ?? ''))
    .slice(0, 30);
}

/**
 * The confirmation step for declining, withdrawing, ending technisch beheer or detaching a koppeling; a sentence
 * saying why not when the thing is not (or no longer) there.
 */
export function proposalConfirmation(
  action: string,
  id: string,
  organisation: ProposalsOf,
  slug: string,
  pathname: string,
): PendingConfirmation | string {
  const base = { fields: { actie: action, id }, cancelHref: pathname };
  if (action === 'afwijzen' || action === 'intrekken') {
    const list = action === 'afwijzen' ? organisation.incomingProposals : organisation.outgoingProposals;
    const p = list.find((x) => x.id === id && x.status === 'PENDING');
    if (!p) return 'Dit voorstel wacht niet (meer) op een besluit.';
    const effect =
      p.kind === 'OPERATOR'
        ? `${p.usage.product.name} van ${p.proposingOrganisation.name} houdt de technisch beheerder die het nu heeft.`
        : p.kind === 'INTERFACE_TO'
          ? `De koppeling ${p.interfaceKey ?? ''} van ${p.proposingOrganisation.name} wordt verwijderd.`
          : `De koppeling ${p.interfaceKey ?? ''} van ${p.proposingOrganisation.name} loopt dan niet meer via ${p.targetUsage?.product.name ?? 'dit gebruik'}.`;
    return {
      ...base,
      title: action === 'afwijzen' ? 'Voorstel afwijzen?' : 'Voorstel intrekken?',
      lead: `${describeProposal(p)}. ${effect}`,
      consequences: [
        action === 'afwijzen'
          ? `${p.proposingOrganisation.name} ziet dat het voorstel is afgewezen; een nieuw voorstel kan later.`
          : `${p.receivingOrganisation.name} hoeft er dan niet meer over te besluiten; een nieuw voorstel kan later.`,
      ],
      confirmLabel: action === 'afwijzen' ? 'Ja, afwijzen' : 'Ja, intrekken',
    };
  }
  if (action === 'beheer-beeindigen') {
    const u = organisation.operatedForOthers.find((x) => x.id === id);
    if (!u) return `${organisation.name} levert hiervoor (al) geen technisch beheer.`;
    return {
      ...base,
      title: `Technisch beheer van ${u.product.name} voor ${u.organisation.name} beëindigen?`,
      lead: `${u.product.name} van ${u.organisation.name} staat daarna zonder technisch beheerder.`,
      consequences: [
        `De last voor technisch beheer (${operatedLoad(u.beheerLoad)} fte) telt niet meer mee in de beheercapaciteit van ${organisation.name}.`,
        `${u.organisation.name} moet opnieuw een beheerder kiezen.`,
      ],
      confirmLabel: 'Ja, beëindigen',
    };
  }
  if (action === 'losmaken') {
    const i = organisation.interfacesFromOthers.find((x) => x.id === id);
    if (!i) return 'Deze koppeling verwijst niet (meer) naar een gebruik van deze organisatie.';
    const to = i.to?.organisation.slug === slug;
    return {
      ...base,
      title: `Koppeling ${i.key} van ${i.organisation.name} losmaken?`,
      lead: to
        ? `De koppeling ${i.key} van ${i.from.product.name} (${i.organisation.name}) naar ${i.to?.product.name ?? ''} wordt verwijderd.`
        : `De koppeling ${i.key} van ${i.from.product.name} (${i.organisation.name}) loopt daarna niet meer via ${i.intermediary?.product.name ?? ''}.`,
      consequences: [`${i.organisation.name} ziet de wijziging in de eigen koppelingen en de geschiedenis.`],
      confirmLabel: 'Ja, losmaken',
    };
  }
  return 'Onbekende actie.';
}
