// `npm run user -- add <email> --org <slug> --role <VIEWER|EDITOR|ADMIN> [--instance-admin] [--name "Naam"]` (password on stdin)
// `npm run user -- token <email>` prints a new personal API token as its last line.
// Works on a migrated database (npm start or npm run db:migrate), also while the hub is running.
import { parseArgs } from 'node:util';
import { addUser, issueToken } from '../graphql/users.ts';
import { openDatabase } from '../prisma/client.ts';

const usage =
  'Gebruik: npm run user -- add <email> --org <slug> --role <VIEWER|EDITOR|ADMIN> [--instance-admin] [--name "Naam"]   (wachtwoord via stdin)\n       npm run user -- token <email>';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Wachtwoord (Enter om af te sluiten): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (process.stdin.isTTY && chunk.toString().includes('\n')) break;
  }
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { org: { type: 'string' }, role: { type: 'string' }, 'instance-admin': { type: 'boolean' }, name: { type: 'string' } },
});
const [command, email] = positionals;
try {
  if (!email || (command !== 'add' && command !== 'token')) throw new Error(usage);
  const role = values.role?.toUpperCase();
  if (role && role !== 'VIEWER' && role !== 'EDITOR' && role !== 'ADMIN') throw new Error(`Onbekende rol "${values.role}". ${usage}`);
  if (command === 'add' && !values.org && !values['instance-admin']) throw new Error(`Geef --org en --role, of --instance-admin. ${usage}`);
  const db = await openDatabase();
  try {
    if (command === 'add') {
      const password = await readStdin();
      const result = await addUser(db, {
        email,
        password,
        organisation: values.org,
        role: role as 'VIEWER' | undefined,
        instanceAdmin: values['instance-admin'],
        name: values.name,
      });
      console.log(result.created ? `Gebruiker ${email} aangemaakt.` : `Gebruiker ${email} bijgewerkt.`);
    } else {
      const token = await issueToken(db, email);
      console.log('Nieuw API-token (wordt maar één keer getoond; gebruik het als "Authorization: Bearer <token>"):');
      console.log(token);
    }
  } finally {
    await db.close();
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
