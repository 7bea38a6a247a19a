import { createHash } from 'node:crypto';
import { getDomain } from 'tldts';

/**
 * Fair ordering across sites (issue 11), as start-time fair queuing with the clock as virtual time.
 * A job of a fairly ordered queue gets a tag: the current tick, or one tick after its lane's last
 * tag if that is later. The tag is its Bull priority (lower is taken first). A site that sends at most
 * one job a tick always gets the current tick; a flood of 5,000 jobs is spread over the next 5,000
 * ticks, so a quiet site's job that arrives a second later is taken after ten of them, not after all
 * of them; and as the clock passes the flood's tags, its remaining jobs come before anything newer,
 * so no lane waits for ever, and a lane's own jobs keep their order.
 */

/** One tick: a lane's share of the queue is one job per tick before its jobs queue behind later arrivals. */
export const LANE_TICK_MS = 100;

/** How long a lane's last tag is kept once the clock has passed it (then the lane starts afresh). */
const LANE_IDLE_MS = 1_000;

/**
 * The lane of a URL: its registrable domain (public suffix list, private suffixes included, so
 * alice.github.io and bob.github.io are two lanes), else its host (an IP address, localhost). One
 * lane for all of a site's subdomains, so a flood spread over a.evil.example, b.evil.example, … is
 * ordered as one site, not as thousands of first arrivals.
 */
export function laneOf(url: string): string {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return url;
  }
  return getDomain(host, { allowPrivateDomains: true }) ?? host;
}

/** The tick of `nowMs`: the tag a job gets when its lane has nothing queued ahead of the clock. */
export const tickOf = (nowMs: number) => Math.floor(nowMs / LANE_TICK_MS);

/**
 * The Bull priority of a job tagged `tag`. Never 0: Bull 4 puts a job without priority behind every
 * prioritized one, so an untagged job (no lane, or Redis did not answer) goes first in line (1, before
 * any tick of the clock).
 */
export function priorityOf(tag: number | undefined): number {
  if (tag === undefined || !Number.isSafeInteger(tag) || tag < 1) return 1;
  return tag;
}

/**
 * Tags one arrival in the lane's key and answers the tag, in one round trip: max(current tick, last
 * tag + 1). ARGV: the producer's current tick (its clock, so that no script reads the server's time),
 * the tick length and the idle time in ms. The key lives while its tag is ahead of the clock, and
 * LANE_IDLE_MS after.
 */
export const TAG_SCRIPT = `
local now = tonumber(ARGV[1])
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local tag = math.max(now, last + 1)
redis.call('SET', KEYS[1], tag, 'PX', (tag - now) * tonumber(ARGV[2]) + tonumber(ARGV[3]))
return tag`;

/** TAG_SCRIPT's digest, for EVALSHA. */
export const TAG_SCRIPT_SHA = createHash('sha1').update(TAG_SCRIPT).digest('hex');

/** The script's ARGV for a job queued at `nowMs`. */
export const tagArguments = (nowMs: number) => [tickOf(nowMs), LANE_TICK_MS, LANE_IDLE_MS];
