// Starts the built hub (dist/server/entry.mjs) on a free loopback port against a migrated, seeded throwaway database.
import { startBuiltServer } from '../../scripts/built-server.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createUser } from '../helpers/users.ts';

/** An admin (and so an editor) of Emmen the browser tests sign in as. */
export const EDITOR = { email: 'redacteur@emmen.test', password: 'een lang en geheim wachtwoord' };
/** A signed-in user who belongs to no organisation yet, and so reads nothing but the own account. */
export const NO_MEMBERSHIP = { email: 'nieuw@elders.test', password: 'nog een lang geheim wachtwoord' };
/** An instance administrator, who keeps the GEMMA model. */
export const INSTANCE_ADMIN = { email: 'beheerder@grondplan.test', password: 'een ander lang geheim wachtwoord' };

export interface RunningHub {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * A hub on its own throwaway database with the test users, or (given a database) one more instance of a shared one;
 * `env` adds to the server's environment (mail settings, say).
 */
export async function startHub(shared?: TestDatabase, env: Record<string, string> = {}): Promise<RunningHub> {
  const database: TestDatabase = shared ?? (await createTestDatabase());
  if (!shared) {
    await createUser(database.db, EDITOR.email, [{ organisation: 'emmen', role: 'ADMIN' }], { password: EDITOR.password });
    await createUser(database.db, INSTANCE_ADMIN.email, [], { password: INSTANCE_ADMIN.password, instanceAdmin: true });
    await createUser(database.db, NO_MEMBERSHIP.email, [], { password: NO_MEMBERSHIP.password });
  }
  const server = await startBuiltServer(database.url, env);
  return {
    baseUrl: server.baseUrl,
    stop: async () => {
      await server.stop();
      if (!shared) await database.drop();
    },
  };
}

/** Signs in through the API of a running hub, as a script would, and returns the session token (the gp_session cookie). */
export async function signInOverApi(baseUrl: string, user: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { ... on SignInSuccess { data { token } } } }',
      variables: { e: user.email, p: user.password },
    }),
  });
  const token = ((await response.json()) as { data?: { signIn?: { data?: { token: string } } } }).data?.signIn?.data?.token;
  if (!token) throw new Error(`Could not sign in as ${user.email}`);
  return token;
}
