import { readFile } from 'node:fs/promises';
import { extractPage, sniffImageType } from '@unfurl/extractor';
import { CliError, describeError } from './cli-error';

const USAGE = 'usage: unfurl extract --url <url> <file|->';

/** `extract --url <url> <file|->`: prints the PreviewMetadata JSON of a saved page (or image) to stdout. */
export async function extractCommand(args: string[]): Promise<void> {
  const { url, file } = parseArgs(args);
  const body = await readBody(file);
  // A saved file has no Content-Type header: it is a page unless its bytes say it is an image.
  const contentType = sniffImageType(body);
  const { metadata } = extractPage({ body, url, contentType });
  process.stdout.write(`${JSON.stringify(metadata, null, 2)}\n`);
}

function parseArgs(args: string[]): { url: string; file: string } {
  let url: string | undefined;
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--url') {
      url = args[++i];
      if (url === undefined) throw new CliError(`--url needs a value; ${USAGE}`, 2);
    } else if (arg.startsWith('--url=')) {
      url = arg.slice('--url='.length);
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new CliError(`unknown option "${arg}"; ${USAGE}`, 2);
    } else if (file === undefined) {
      file = arg;
    } else {
      throw new CliError(`unexpected argument "${arg}"; ${USAGE}`, 2);
    }
  }
  if (url === undefined) throw new CliError(`missing --url; ${USAGE}`, 2);
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new CliError(`--url must be an absolute http(s) URL, got "${url}"`, 2);
  if (file === undefined) throw new CliError(`missing file (use - for stdin); ${USAGE}`, 2);
  return { url: new URL(url).href, file };
}

async function readBody(file: string): Promise<Uint8Array> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return new Uint8Array(Buffer.concat(chunks));
  }
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${describeError(error)}`, 1);
  }
}
