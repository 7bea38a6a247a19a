// Runs one autocannon load in a process of its own, so that a heavy background load (cold unfurls)
// does not share an event loop with the client measuring latency. Options come as JSON in argv[2];
// `{i}` in `template` becomes 0, 1, 2, … so every request can ask for a new URL. Prints the result.
import { drive, type LoadOptions } from './load';

async function main(): Promise<void> {
  const { template, ...options } = JSON.parse(process.argv[2]) as Omit<LoadOptions, 'paths'> & { template: string };
  const paths = Array.from({ length: 100_000 }, (_, i) => template.replace('{i}', String(i)));
  process.stdout.write(`${JSON.stringify(await drive({ ...options, paths }))}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench load: ${String(error)}\n`);
  process.exit(1);
});
