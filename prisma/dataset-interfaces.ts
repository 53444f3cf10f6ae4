// The koppelingen of the synthetic dataset: mostly towards an organisation's popular applications (the zaaksysteem,
// the ESB), some to national facilities, some naming a standard.
import { type Draw, SYNTHETIC, stamped } from './dataset-rows.ts';
import { slugify } from './slug.ts';

interface Landscape {
  orgs: { id: string }[];
  byOrg: Map<string, { id: string; key: string }[]>;
  services: { id: string; name: string }[];
  standards: { id: string }[];
}

/** Writes the koppelingen and their standards; returns how many koppelingen. */
export async function generateInterfaces(draw: Draw, landscape: Landscape): Promise<number> {
  const { insert, rnd, pick } = draw;
  const { orgs, byOrg, services, standards } = landscape;
  const interfaces: {
    id: string;
    key: string;
    organisationId: string;
    fromUsageId: string;
    toUsageId: string | null;
    externalServiceId: string | null;
    type: 'API' | 'WEBSERVICE' | 'FILE_TRANSFER' | 'DIGIKOPPELING' | 'MESSAGE_QUEUE';
    direction: 'A_TO_B' | 'B_TO_A' | 'BOTH';
    status: 'IN_USE' | 'IN_DEVELOPMENT' | 'END_OF_SUPPORT' | 'WITHDRAWN';
    copiesData: boolean;
  }[] = [];
  const interfaceStandards: { interfaceId: string; standardId: string }[] = [];
  let k = 0;
  for (const org of orgs) {
    const list = byOrg.get(org.id) ?? [];
    if (list.length < 2) continue;
    const keys = new Set<string>();
    const wanted = Math.round(list.length * 1.37);
    for (let attempt = 0; keys.size < wanted && attempt < wanted * 3; attempt++) {
      const from = list[Math.floor(rnd() * list.length)];
      const toExternal = rnd() < 0.08 && services.length > 0;
      const to = toExternal ? null : list[Math.floor(rnd() ** 2.5 * list.length)];
      const service = toExternal ? pick(services) : null;
      if (!from || (!to && !service) || from === to) continue;
      const key = `${from.key}--${to ? to.key : slugify(service?.name ?? '')}`;
      if (keys.has(key)) continue;
      keys.add(key);
      const id = `${SYNTHETIC}i-${k++}`;
      interfaces.push({
        id,
        key,
        organisationId: org.id,
        fromUsageId: from.id,
        toUsageId: to?.id ?? null,
        externalServiceId: service?.id ?? null,
        type: pick(['API', 'API', 'WEBSERVICE', 'FILE_TRANSFER', 'DIGIKOPPELING', 'MESSAGE_QUEUE'] as const),
        direction: pick(['A_TO_B', 'A_TO_B', 'B_TO_A', 'BOTH'] as const),
        status: pick(['IN_USE', 'IN_USE', 'IN_USE', 'IN_DEVELOPMENT', 'END_OF_SUPPORT', 'WITHDRAWN'] as const),
        copiesData: rnd() < 0.35,
      });
      if (rnd() < 0.3) interfaceStandards.push({ interfaceId: id, standardId: pick(standards).id });
    }
  }
  await insert('interface', stamped(interfaces));
  await insert('interfaceStandard', interfaceStandards);
  return interfaces.length;
}
