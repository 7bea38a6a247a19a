import { execFile } from 'node:child_process';
import path from 'node:path';

/** Runs the tsc-built CLI (.build/apps/cli/src/main.js) with env; resolves with exit code and output. */
export function runCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const main = path.resolve(__dirname, '../../apps/cli/src/main.js');
  return new Promise((resolve) => {
    execFile(process.execPath, [main, ...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** `keys create` through the CLI; returns the printed key. */
export async function createKey(databaseUrl: string, ...options: string[]): Promise<string> {
  const result = await runCli(['keys', 'create', ...options], { DATABASE_URL: databaseUrl });
  if (result.code !== 0) throw new Error(`keys create failed: ${result.stderr}`);
  return result.stdout.trim();
}
