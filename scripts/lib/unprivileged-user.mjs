// Who `npm start` runs the renderer as. Run by root, Chromium sets its threads' priorities itself
// (some to nice -8, above the API's event loop), undoing the lower priority the renderer starts it
// at; run by any other user it keeps it, as in the images (`USER node`). So under root the renderer
// runs as `nobody`, where that user can run this Node and read what the renderer loads.
import { spawn } from 'node:child_process';

export const NOBODY = { uid: 65534, gid: 65534 };

/**
 * `{}` (this user) when not root; `NOBODY` when root and `nobody` can run `process.execPath` and
 * read every one of `files`; else null (the renderer then runs as root, and Chromium at the
 * priorities it picks).
 */
export async function rendererUser(files) {
  if (process.getuid?.() !== 0) return {};
  const check = `for (const file of process.argv.slice(1)) require('node:fs').accessSync(file, require('node:fs').constants.R_OK)`;
  const probe = spawn(process.execPath, ['-e', check, ...files], { ...NOBODY, stdio: 'ignore', cwd: '/' });
  // A Node that nobody may run fails the spawn itself (EACCES, an 'error' event without 'exit').
  const code = await new Promise((resolve) => {
    probe.once('error', () => resolve(null));
    probe.once('exit', resolve);
  });
  return code === 0 ? NOBODY : null;
}
