import { Injectable } from '@nestjs/common';
import { ConfigService, type Environment } from '@unfurl/config';
import { PreviewErrorCode } from '@unfurl/contracts';

/** A failed probe doubles the cool-down, up to this (or the configured cool-down, if longer). */
const MAX_COOLDOWN_MS = 300_000;

/** Hosts tracked at most; beyond it, hosts whose breaker is closed are forgotten. */
const MAX_TRACKED_HOSTS = 10_000;

interface HostState {
  /** Consecutive timeouts or unreachable answers. */
  failures: number;
  /** While open: when the next probe may go. */
  openUntil?: number;
  cooldownMs: number;
  probing: boolean;
}

export type BreakerOutcome = 'answered' | 'failed' | 'not-tried';

/**
 * A circuit breaker per host, kept in this worker process. After HOST_BREAKER_FAILURES consecutive
 * timeouts or unreachable answers from a host it opens: its jobs then fail at once (HOST_UNAVAILABLE)
 * instead of each waiting out its own timeouts. After the cool-down one job is let through as a probe
 * (half-open): an answer closes the breaker, another failure reopens it for twice as long.
 */
@Injectable()
export class HostBreaker {
  private readonly hosts = new Map<string, HostState>();
  private readonly threshold: number;
  private readonly cooldownMs: number;
  /** Fetches refused because their host's breaker was open, since start. */
  refused = 0;

  constructor(config: ConfigService<Environment, true>) {
    this.threshold = config.get('HOST_BREAKER_FAILURES', { infer: true });
    this.cooldownMs = config.get('HOST_BREAKER_COOLDOWN_MS', { infer: true });
  }

  /** Whether a fetch from `host` may go now; when it is the half-open probe, it is marked as such. */
  admits(host: string): boolean {
    const state = this.hosts.get(host);
    if (state?.openUntil === undefined) return true;
    if (state.probing || Date.now() < state.openUntil) {
      this.refused += 1;
      return false;
    }
    state.probing = true;
    return true;
  }

  /** What came of a fetch `admits` let through: `not-tried` (it never went) frees the probe. */
  record(host: string, outcome: BreakerOutcome): void {
    const known = this.hosts.get(host);
    if (outcome === 'answered') this.hosts.delete(host);
    if (outcome === 'answered' || (outcome === 'not-tried' && !known)) return;
    const state = known ?? { failures: 0, cooldownMs: this.cooldownMs, probing: false };
    if (!known) {
      this.forgetClosedIfCrowded();
      this.hosts.set(host, state);
    }
    const wasProbe = state.probing;
    state.probing = false;
    if (outcome === 'not-tried') return;
    state.failures += 1;
    if (wasProbe) this.open(state, Math.min(Math.max(MAX_COOLDOWN_MS, this.cooldownMs), state.cooldownMs * 2));
    else if (state.openUntil === undefined && state.failures >= this.threshold) this.open(state, this.cooldownMs);
  }

  get openCount(): number {
    let open = 0;
    for (const state of this.hosts.values()) if (state.openUntil !== undefined) open += 1;
    return open;
  }

  /** Hosts that failed a few times and were never seen again must not pile up: closed ones go first. */
  private forgetClosedIfCrowded(): void {
    if (this.hosts.size < MAX_TRACKED_HOSTS) return;
    for (const [host, state] of this.hosts) if (state.openUntil === undefined) this.hosts.delete(host);
  }

  private open(state: HostState, cooldownMs: number): void {
    state.cooldownMs = cooldownMs;
    state.openUntil = Date.now() + cooldownMs;
  }
}

/** Timeouts and refusals count against a host; any HTTP answer, even 4xx or 5xx, shows it is there. */
export function breakerOutcome(code: string): BreakerOutcome {
  return code === PreviewErrorCode.UpstreamTimeout || code === PreviewErrorCode.UpstreamUnreachable ? 'failed' : 'answered';
}
