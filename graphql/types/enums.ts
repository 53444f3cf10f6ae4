// GraphQL enums mirror the Prisma enums, so the API and the database cannot drift apart.
import {
  DPIA_CRITERIA,
  type DpiaCriterion as DpiaCriterionValue,
  ENSIA_FACILITIES,
  type EnsiaFacility as EnsiaFacilityValue,
} from '#core/usage-security.ts';
import * as E from '#prisma/generated/sqlite/client/enums.ts';
import { builder } from '../builder.ts';

export const OrganisationType = builder.enumType(E.OrganisationType, { name: 'OrganisationType' });
export const Architecture = builder.enumType(E.Architecture, {
  name: 'Architecture',
  description:
    'Architecture class of a product: LEGACY monolith, HYBRID (legacy core with Common Ground APIs) or COMMON_GROUND.',
});
export const Layer = builder.enumType(E.Layer, { name: 'Layer', description: 'Common Ground five-layer model.' });
export const DeliveryModel = builder.enumType(E.DeliveryModel, { name: 'DeliveryModel' });
export const Jurisdiction = builder.enumType(E.Jurisdiction, { name: 'Jurisdiction' });
export const StandardRole = builder.enumType(E.StandardRole, {
  name: 'StandardRole',
  description: 'MANDATORY is GEMMA "Verplicht", RECOMMENDED "Aanbevolen".',
});
export const UsageStatus = builder.enumType(E.UsageStatus, {
  name: 'UsageStatus',
  description: 'Softwarecatalogus: Verwerving, Gepland, In productie, Uit te faseren, Uitgefaseerd.',
});
export const DpiaStatus = builder.enumType(E.DpiaStatus, { name: 'DpiaStatus' });
export const PentestState = builder.enumType(E.PentestState, {
  name: 'PentestState',
  description: 'Outcome of the last penetration test: no findings, findings open, findings resolved.',
});
export const AiRiskClass = builder.enumType(E.AiRiskClass, {
  name: 'AiRiskClass',
  description: 'Risk class under the EU AI Act: prohibited, high, limited, minimal.',
});
export const DpiaCriterion = builder.enumType(
  Object.fromEntries(DPIA_CRITERIA.map((c) => [c, c])) as { [C in DpiaCriterionValue]: C },
  {
    name: 'DpiaCriterion',
    description: 'The nine EDPB criteria for a DPIA (WP248); two or more: a DPIA is required.',
  },
);
export const EnsiaFacility = builder.enumType(
  Object.fromEntries(ENSIA_FACILITIES.map((f) => [f, f])) as { [F in EnsiaFacilityValue]: F },
  {
    name: 'EnsiaFacility',
    description: "The parts of ENSIA's yearly self-evaluation, by the national facility a usage connects to.",
  },
);
export const Criticality = builder.enumType(E.Criticality, { name: 'Criticality' });
export const TimeClass = builder.enumType(E.TimeClass, {
  name: 'TimeClass',
  description: 'Gartner TIME: Tolerate, Invest, Migrate, Eliminate.',
});
export const BeheerRole = builder.enumType(E.BeheerRole, { name: 'BeheerRole' });
export const InterfaceType = builder.enumType(E.InterfaceType, { name: 'InterfaceType' });
export const InterfaceDirection = builder.enumType(E.InterfaceDirection, { name: 'InterfaceDirection' });
export const InterfaceStatus = builder.enumType(E.InterfaceStatus, { name: 'InterfaceStatus' });
export const ApiTokenScope = builder.enumType(E.ApiTokenScope, {
  name: 'ApiTokenScope',
  description: 'What a token may do: READ runs queries only; READ_WRITE also mutations.',
});
export const AuditSource = builder.enumType(E.AuditSource, { name: 'AuditSource' });
export const Role = builder.enumType(E.Role, {
  name: 'Role',
  description: 'VIEWER reads, EDITOR changes the own organisation, ADMIN also manages its users.',
});
export const MigrationStatus = builder.enumType(E.MigrationStatus, { name: 'MigrationStatus' });
export const ScenarioStatus = builder.enumType(E.ScenarioStatus, { name: 'ScenarioStatus' });
export const GemmaViewNodeKind = builder.enumType(E.GemmaViewNodeKind, {
  name: 'GemmaViewNodeKind',
  description: 'What a box on a GEMMA view is: an ELEMENT (with a GEMMA object id), a GROUP or a NOTE.',
});
export const Bio2Theme = builder.enumType(E.Bio2Theme, {
  name: 'Bio2Theme',
  description: 'ISO 27002:2022 theme: Organisatorisch (5), Mensgericht (6), Fysiek (7), Technologisch (8).',
});
export const Bio2MeasureKind = builder.enumType(E.Bio2MeasureKind, { name: 'Bio2MeasureKind' });
export const VvtState = builder.enumType(E.VvtState, {
  name: 'VvtState',
  description: 'Implementation state of a measure: niet gestart, in uitvoering, geïmplementeerd, getoetst.',
});
export const VvtShareMode = builder.enumType(E.VvtShareMode, {
  name: 'VvtShareMode',
  description: 'With whom an organisation shares its statement of applicability.',
});
export const LegalGround = builder.enumType(E.LegalGround, {
  name: 'LegalGround',
  description:
    'AVG article 6(1): a CONSENT, b CONTRACT, c LEGAL_OBLIGATION, d VITAL_INTERESTS, e PUBLIC_TASK, f LEGITIMATE_INTERESTS.',
});
export const SpecialCategoryException = builder.enumType(E.SpecialCategoryException, {
  name: 'SpecialCategoryException',
  description: 'The exception of AVG article 9(2), a to j.',
});
export const ProcessingRole = builder.enumType(E.ProcessingRole, { name: 'ProcessingRole' });
export const OfficerRole = builder.enumType(E.OfficerRole, {
  name: 'OfficerRole',
  description:
    'An officer function a member holds for the organisation: SECURITY_OFFICER (CISO, informatiebeveiliger) or PRIVACY_OFFICER (FG, functionaris gegevensbescherming).',
});
export const EvidenceKind = builder.enumType(E.EvidenceKind, {
  name: 'EvidenceKind',
  description:
    'ISO 27001 certificate, ISAE 3402 or SOC 2 report (TPM), pentest summary, DPIA, processor agreement annex, other.',
});
export const EvidenceVisibility = builder.enumType(E.EvidenceVisibility, {
  name: 'EvidenceVisibility',
  description: 'Who reads an evidence document: OWN organisation only, NAMED partners too, or ALL_MEMBERS signed in.',
});
