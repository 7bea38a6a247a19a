import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

interface RunAs {
  uid?: number;
  gid?: number;
}

/** scripts/lib/unprivileged-user.mjs (plain ESM, used by the launcher). */
const launcherLib = () =>
  import(path.resolve(__dirname, '..', '..', 'scripts', 'lib', 'unprivileged-user.mjs')) as Promise<{ rendererUser(files: string[]): Promise<RunAs | null>; NOBODY: RunAs }>;

describe('who npm start runs the renderer as', () => {
  let dir: string;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'unfurl-renderer-user-'));
    for (const name of ['open', 'closed']) {
      await writeFile(path.join(dir, `${name}.js`), '');
    }
    await chmod(dir, 0o755);
    await chmod(path.join(dir, 'closed.js'), 0o600);
  });

  after(() => rm(dir, { recursive: true, force: true }));

  it('is whoever started it, when that is not root', async (t) => {
    if (process.getuid?.() === 0) return t.skip('run as root');
    assert.deepEqual(await (await launcherLib()).rendererUser([path.join(dir, 'closed.js')]), {});
  });

  it('is nobody under root, where nobody can read every file it loads, and root where it cannot', async (t) => {
    if (process.getuid?.() !== 0) return t.skip('not run as root');
    const { rendererUser, NOBODY } = await launcherLib();
    // CI's second Node comes from npx's cache under /root, which nobody may run: then it is always root.
    if ((await rendererUser([])) === null) return t.skip(`${process.execPath} cannot be run by a user other than root`);
    assert.deepEqual(await rendererUser([path.join(dir, 'open.js')]), NOBODY);
    assert.equal(await rendererUser([path.join(dir, 'open.js'), path.join(dir, 'closed.js')]), null);
    assert.equal(await rendererUser([path.join(dir, 'missing.js')]), null);
  });
});
