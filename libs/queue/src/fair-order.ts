import { getDomain } from 'tldts';

/**
 * Fair ordering across sites (issue 11). A job of a fairly ordered queue is ranked by its arrival
 * among the recent jobs of its lane, and that rank is its Bull priority (1 is taken first): the first
 * job of a quiet site is taken before the 2nd, 3rd, … 5,000th job of a site that flooded the queue
 * earlier, instead of after each of them has been taken and set aside once.
 */

/** A lane's count restarts this long after its first job: a site that flooded a while ago is not held back for ever. */
export const RANK_WINDOW_MS = 60_000;

/** BullMQ's ceiling for priorities (Bull 4 has none): ranks beyond it share the last place. */
export const MAX_PRIORITY = 2 ** 21;

/**
 * The lane of a URL: its registrable domain (public suffix list, private suffixes included, so
 * alice.github.io and bob.github.io are two lanes), else its host (an IP address, localhost). One
 * lane for all of a site's subdomains, so a flood spread over a.evil.example, b.evil.example, … is
 * ranked as one site, not as thousands of first arrivals.
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

/**
 * The Bull priority of a job ranked `rank` in its lane. Never 0: Bull 4 puts a job without priority
 * behind every prioritized one, so an unranked job (no lane, or Redis did not answer the count) goes
 * first in line, as the first job of a lane does.
 */
export function priorityOf(rank: number | undefined): number {
  if (rank === undefined || !Number.isFinite(rank) || rank < 1) return 1;
  return Math.min(Math.floor(rank), MAX_PRIORITY);
}

/**
 * Counts one arrival in the lane's key and answers its rank, in one round trip. The key expires
 * RANK_WINDOW_MS after the lane's first arrival (checked by PTTL, so a key that lost its expiry
 * still gets one).
 */
export const RANK_SCRIPT = `
local rank = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return rank`;
