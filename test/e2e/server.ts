// Starts the built hub (dist/server/entry.mjs) on a free loopback port against a migrated, seeded throwaway database.
import { startBuiltServer } from '../../scripts/built-server.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createUser } from '../helpers/users.ts';

/** An admin (and so an editor) of Emmen the browser tests sign in as. */
export const EDITOR = { email: 'redacteur@emmen.test', password: 'een lang en geheim wachtwoord' };
/** An instance administrator, who keeps the GEMMA model. */
export const INSTANCE_ADMIN = { email: 'beheerder@grondplan.test', password: 'een ander lang geheim wachtwoord' };

export interface RunningHub {
  baseUrl: string;
  stop(): Promise<void>;
}

/** A hub on its own throwaway database with the test users, or (given a database) one more instance of a shared one. */
export async function startHub(shared?: TestDatabase): Promise<RunningHub> {
  const database: TestDatabase = shared ?? (await createTestDatabase());
  if (!shared) {
    await createUser(database.db, EDITOR.email, [{ organisation: 'emmen', role: 'ADMIN' }], { password: EDITOR.password });
    await createUser(database.db, INSTANCE_ADMIN.email, [], { password: INSTANCE_ADMIN.password, instanceAdmin: true });
  }
  const server = await startBuiltServer(database.url);
  return {
    baseUrl: server.baseUrl,
    stop: async () => {
      await server.stop();
      if (!shared) await database.drop();
    },
  };
}
