import type { Database } from '../prisma/client.ts';

/** Who is asking. Accounts come later; until then every request is anonymous and sees no private fields. */
export interface Viewer {
  userId: string;
  /** Ids of the organisations whose private data this viewer may see and change. */
  organisationIds: string[];
}

export interface Context {
  db: Database;
  viewer: Viewer | null;
}
