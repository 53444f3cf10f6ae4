// `npm run user -- add <email> --org <slug> --role <VIEWER|EDITOR|ADMIN> [--instance-admin] [--name "Naam"] [--reset-password]`
//   A new account gets a one-time password (on stdin), to be changed at first sign-in. For an existing account the
//   membership is added without touching its password, unless --reset-password (then a new one-time password is read
//   from stdin, and the user's sessions and API tokens end).
// `npm run user -- token <email> [--scope READ|READ_WRITE] [--days N] [--name "naam"]` prints a new API token as its last line
//   (read-only unless --scope READ_WRITE).
// `npm run user -- disable <email>` / `enable <email>`: blocks an account (sessions and tokens end) or unblocks it.
// Works on a migrated database (npm start or npm run db:migrate), also while the hub is running.
import { parseArgs } from 'node:util';
import { normaliseEmail, type TokenScope } from '#core/auth.ts';
import { addUser, issueToken, setDisabled } from '#core/users.ts';
import { openDatabase } from '#prisma/client.ts';

const usage = [
  'Gebruik: npm run user -- add <email> --org <slug> --role <VIEWER|EDITOR|ADMIN> [--instance-admin] [--name "Naam"] [--reset-password]   (eenmalig wachtwoord via stdin)',
  '       npm run user -- token <email> [--scope READ|READ_WRITE] [--days N] [--name "naam"]   (standaard alleen lezen: READ)',
  '       npm run user -- disable <email>   |   npm run user -- enable <email>',
].join('\n');

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Eenmalig wachtwoord (Enter om af te sluiten): ');
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
  options: {
    org: { type: 'string' },
    role: { type: 'string' },
    'instance-admin': { type: 'boolean' },
    name: { type: 'string' },
    'reset-password': { type: 'boolean' },
    scope: { type: 'string' },
    days: { type: 'string' },
  },
});
const [command, email] = positionals;
const commands = ['add', 'token', 'disable', 'enable'];
try {
  if (!email || !command || !commands.includes(command)) throw new Error(usage);
  const role = values.role?.toUpperCase();
  if (role && role !== 'VIEWER' && role !== 'EDITOR' && role !== 'ADMIN')
    throw new Error(`Onbekende rol "${values.role}". ${usage}`);
  const scope = values.scope?.toUpperCase();
  if (scope && scope !== 'READ' && scope !== 'READ_WRITE')
    throw new Error(`Onbekend bereik "${values.scope}": READ of READ_WRITE. ${usage}`);
  if (command === 'add' && !values.org && !values['instance-admin'] && !values['reset-password'])
    throw new Error(`Geef --org en --role, --instance-admin of --reset-password. ${usage}`);
  const db = await openDatabase();
  try {
    if (command === 'add') {
      const exists = Boolean(
        await db.prisma.user.findUnique({ where: { email: normaliseEmail(email) }, select: { id: true } }),
      );
      // An existing account keeps its password: none is read unless a reset is asked for.
      const password = !exists || values['reset-password'] ? await readStdin() : undefined;
      const result = await addUser(db, {
        email,
        password,
        organisation: values.org,
        role: role as 'VIEWER' | undefined,
        instanceAdmin: values['instance-admin'],
        name: values.name,
        resetPassword: values['reset-password'],
      });
      console.log(
        result.created
          ? `Gebruiker ${email} aangemaakt. Het wachtwoord is eenmalig: de gebruiker wijzigt het bij de eerste keer inloggen.`
          : result.passwordReset
            ? `Wachtwoord van ${email} vervangen door een eenmalig wachtwoord; de sessies en API-tokens van deze gebruiker zijn beëindigd.`
            : `Gebruiker ${email} bijgewerkt; het wachtwoord is niet gewijzigd.`,
      );
    } else if (command === 'token') {
      const token = await issueToken(db, email, {
        scope: scope as TokenScope | undefined,
        days: values.days === undefined ? undefined : Number(values.days),
        name: values.name,
      });
      console.log('Nieuw API-token (wordt maar één keer getoond; gebruik het als "Authorization: Bearer <token>"):');
      console.log(token);
    } else {
      await setDisabled(db, email, command === 'disable');
      console.log(
        command === 'disable'
          ? `Account ${email} geblokkeerd; de sessies en API-tokens zijn beëindigd.`
          : `Account ${email} gedeblokkeerd.`,
      );
    }
  } finally {
    await db.close();
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
