// GraphQL enums mirror the Prisma enums, so the API and the database cannot drift apart.
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
export const OfficerRole = builder.enumType(E.OfficerRole, {
  name: 'OfficerRole',
  description:
    'An officer function a member holds for the organisation: SECURITY_OFFICER (CISO, informatiebeveiliger) or PRIVACY_OFFICER (FG, functionaris gegevensbescherming).',
});
