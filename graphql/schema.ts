// Assembles the schema: each type module registers itself with the builder on import.
import { builder } from './builder.ts';
import './types/enums.ts';
import './types/error.ts';
import './types/standard.ts';
import './types/external-service.ts';
import './types/reference-component.ts';
import './types/supplier.ts';
import './types/product.ts';
import './types/organisation.ts';
import './types/usage.ts';
import './types/interface.ts';
import './types/viewer.ts';
import './types/audit-event.ts';
import './types/usage-mutations.ts';
import './types/interface-mutations.ts';
import './types/catalogue-mutations.ts';
import './types/membership.ts';
import './types/comparison.ts';
import './types/expected-interface.ts';
import './types/search.ts';
import './types/programme.ts';
import './types/migration.ts';
import './types/capacity.ts';
import './types/migration-mutations.ts';
import './types/scenario.ts';
import './types/exchange.ts';

export const schema = builder.toSchema({ sortSchema: true });
