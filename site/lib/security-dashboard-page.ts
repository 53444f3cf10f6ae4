// The security and privacy dashboards without their markup: per figure (core/security-dashboard.ts, in the API's
// order) its title and anchor, its value in words ("niet gedeeld" when the reader may not see it), and what to do
// next with links. A new figure is one entry in FIGURE_TEXT and one case in nextSteps; its table is one block on the
// organisation's page.
import type { SecurityFigureKey } from '#core/security-dashboard.ts';
import { dpiaLabel, ensiaFacilityLabel, fieldLabel } from './labels.ts';
import { routes } from './routes.ts';
import { dpiaCriteriaText, riskAssessmentText } from './usage-page.ts';

interface FigureText {
  /** The section's anchor on the organisation's dashboard. */
  id: string;
  title: string;
  /** The column header across the partners. */
  short: string;
  /** What the figure counts, in one sentence. */
  explanation: string;
}

export const FIGURE_TEXT: Record<SecurityFigureKey, FigureText> = {
  VVT_PROGRESS: {
    id: 'vvt',
    title: 'Voortgang van de verklaring van toepasselijkheid',
    short: 'VvT uitgevoerd',
    explanation:
      'BIO2-maatregelen die geïmplementeerd of getoetst zijn, van de maatregelen die niet als "niet van toepassing" zijn verklaard.',
  },
  PERSONAL_DATA_WITHOUT_DPIA: {
    id: 'persoonsgegevens-zonder-dpia',
    title: 'Persoonsgegevens zonder DPIA',
    short: 'Persoonsgegevens zonder DPIA',
    explanation:
      'Gebruik (niet uitgefaseerd) dat persoonsgegevens verwerkt zonder uitgevoerde DPIA en zonder besluit dat die niet nodig is.',
  },
  DPIA_REQUIRED_MISSING: {
    id: 'dpia-vereist',
    title: 'DPIA vereist maar niet uitgevoerd',
    short: 'DPIA vereist, ontbreekt',
    explanation:
      'Gebruik waarvoor twee of meer EDPB-criteria gelden, zodat een DPIA verplicht is, terwijl die niet is uitgevoerd.',
  },
  RISK_ASSESSMENT_DUE: {
    id: 'risicoanalyse',
    title: 'Risicoanalyse nodig',
    short: 'Risicoanalyse nodig',
    explanation:
      'Nieuwe systemen (verwerving of gepland) zonder risicoanalyse, en gebruik dat na de laatste risicoanalyse wezenlijk is gewijzigd (BIO2 5.08.01).',
  },
  ENSIA_SCOPE: {
    id: 'ensia',
    title: 'In de scope van ENSIA',
    short: 'ENSIA-scope',
    explanation:
      'Gebruik met een koppeling naar DigiD, Suwinet, BRP, BAG, BGT of BRO: mee te nemen in de jaarlijkse ENSIA-zelfevaluatie.',
  },
  EVIDENCE_EXPIRY: {
    id: 'bewijs',
    title: 'Verlopen bewijsstukken',
    short: 'Bewijs verlopen',
    explanation:
      'Certificaten, TPM-verklaringen, pentests, DPIA’s en verwerkersovereenkomsten (eigen en gedeeld, van de gebruikte pakketten) die verlopen zijn of binnen 60 dagen verlopen.',
  },
  ATTESTATION: {
    id: 'bevestiging',
    title: 'Bevestiging van het landschap',
    short: 'Laatste bevestiging',
    explanation:
      'Dagen sinds de informatiebeveiliger bevestigde dat het landschap actueel en volledig is, en de wijzigingen sindsdien.',
  },
};

export interface FigureValue {
  key: SecurityFigureKey;
  shared: boolean;
  count: number | null;
  total: number | null;
  attention: boolean;
  changesSince: number | null;
  expiring: number | null;
}

export const NOT_SHARED = 'niet gedeeld';

const plural = (n: number, one: string, more: string) => `${n} ${n === 1 ? one : more}`;

/** The figure in words: "6 van 15", "2 gebruik", "61 dagen geleden (4 wijzigingen sinds)", or "niet gedeeld". */
export function figureValue(f: FigureValue): string {
  if (!f.shared) return NOT_SHARED;
  switch (f.key) {
    case 'VVT_PROGRESS':
      return `${f.count ?? 0} van ${f.total ?? 0}`;
    case 'ATTESTATION': {
      if (f.count === null) return 'nog nooit bevestigd';
      const age = f.count === 0 ? 'vandaag' : `${plural(f.count, 'dag', 'dagen')} geleden`;
      return `${age} (${plural(f.changesSince ?? 0, 'wijziging', 'wijzigingen')} sinds)`;
    }
    case 'EVIDENCE_EXPIRY':
      return `${f.count ?? 0} verlopen, ${f.expiring ?? 0} binnenkort, van ${plural(f.total ?? 0, 'bewijsstuk', 'bewijsstukken')}`;
    default:
      return `${f.count ?? 0} gebruik`;
  }
}

export interface StepUsage {
  key: string;
  product: { name: string };
}

export interface NextStep {
  text: string;
  href: string;
}

/** At most this many steps per figure; the table beside it lists every usage. */
export const MAX_STEPS = 10;

/** What to do next about a figure of the organisation `slug`, with links; empty when nothing needs doing. */
export function nextSteps(slug: string, f: FigureValue, usages: readonly StepUsage[]): NextStep[] {
  if (!f.shared) return [];
  const perUsage = (verb: (product: string) => string) =>
    usages.slice(0, MAX_STEPS).map((u) => ({
      text: verb(u.product.name),
      href: routes.usage(slug, u.key, {}, 'bewerken'),
    }));
  switch (f.key) {
    case 'VVT_PROGRESS':
      return f.attention
        ? [
            { text: 'Besluit over de maatregelen die nog open staan', href: routes.vvt(slug, { stand: 'open' }) },
            {
              text: 'Werk de maatregelen bij die nog niet gestart zijn',
              href: routes.vvt(slug, { stand: 'NIET_GESTART' }),
            },
          ]
        : [];
    case 'PERSONAL_DATA_WITHOUT_DPIA':
      return perUsage((p) => `Leg de DPIA-status van ${p} vast, of voer de DPIA uit`);
    case 'DPIA_REQUIRED_MISSING':
      return perUsage((p) => `Voer de DPIA voor ${p} uit, of herzie de criteria`);
    case 'RISK_ASSESSMENT_DUE':
      return perUsage((p) => `Maak een risicoanalyse van ${p} en leg de datum vast`);
    case 'ENSIA_SCOPE':
      return usages.length
        ? [{ text: 'Neem dit gebruik mee in de ENSIA-zelfevaluatie', href: routes.ensia(slug) }]
        : [];
    case 'EVIDENCE_EXPIRY':
      return f.attention
        ? [{ text: 'Vraag de leveranciers om nieuwe bewijsstukken en voeg ze toe', href: routes.evidence(slug) }]
        : [];
    case 'ATTESTATION':
      if (f.attention)
        return [{ text: 'Vraag de informatiebeveiliger het landschap te bevestigen', href: routes.attestation(slug) }];
      return f.changesSince
        ? [{ text: 'Bekijk de wijzigingen sinds de laatste bevestiging', href: routes.changes(slug) }]
        : [];
  }
}

export interface DetailUsage {
  dpiaStatus: keyof typeof dpiaLabel | null;
  dpiaCriteria: readonly string[] | null;
  dpiaRequired: boolean | null;
  riskAssessmentDue: { reason: string; changedOn: string | null; fields: readonly string[] } | null;
  ensiaScope: readonly (keyof typeof ensiaFacilityLabel)[];
}

/** The header of the column that says, per usage in a figure's table, why it is there. */
export const DETAIL_HEADER: Record<SecurityFigureKey, string> = {
  VVT_PROGRESS: '',
  PERSONAL_DATA_WITHOUT_DPIA: 'DPIA-status',
  DPIA_REQUIRED_MISSING: 'Criteria en DPIA-status',
  RISK_ASSESSMENT_DUE: 'Waarom',
  ENSIA_SCOPE: 'Onderdelen',
  EVIDENCE_EXPIRY: '',
  ATTESTATION: '',
};

/** Why a usage is in a figure's table, in words. */
export function usageDetail(key: SecurityFigureKey, u: DetailUsage): string {
  const dpia = u.dpiaStatus ? dpiaLabel[u.dpiaStatus] : 'Geen DPIA-status';
  switch (key) {
    case 'PERSONAL_DATA_WITHOUT_DPIA':
      return dpia;
    case 'DPIA_REQUIRED_MISSING':
      return `${dpiaCriteriaText(u.dpiaCriteria, u.dpiaRequired)}; DPIA: ${dpia.toLowerCase()}`;
    case 'RISK_ASSESSMENT_DUE':
      return riskAssessmentText(u.riskAssessmentDue, fieldLabel) ?? '–';
    case 'ENSIA_SCOPE':
      return u.ensiaScope.map((f) => ensiaFacilityLabel[f]).join(', ');
    default:
      return '';
  }
}
