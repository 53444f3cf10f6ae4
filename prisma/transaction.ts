// The one type of the client inside an interactive transaction, for the domain core and the seed alike.
import type { Db } from './client.ts';

/** The client inside an interactive transaction (`db.prisma.$transaction(async (tx) => ...)`). */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];
