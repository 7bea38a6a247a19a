import { existsSync } from 'node:fs';

/** The Chromium the browser specs drive: CHROMIUM_PATH, by default Debian's. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The `skip` option of a spec that needs Chromium: false when it is installed, else the reason,
 * outside CI; CI must install it, so there the spec file fails to load instead of skipping.
 */
export function skipWithoutChromium(what: string): false | string {
  if (existsSync(CHROMIUM)) return false;
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: CI must install it (apt-get install -y chromium) to run the ${what}`);
  return `${CHROMIUM} is not installed (apt-get install -y chromium): ${what} skipped outside CI`;
}
