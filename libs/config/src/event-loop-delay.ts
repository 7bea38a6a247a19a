import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { Gauge, type Registry } from 'prom-client';

const RESOLUTION_MS = 10;

export interface EventLoopDelaySample {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * How late the event loop runs timers, from perf_hooks. Node records the whole interval between
 * samples, so an idle loop reads ~10 ms: the resolution is subtracted to leave the delay itself.
 * Each `take()` returns the figures since the previous one.
 */
export class EventLoopDelay {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });

  constructor() {
    this.histogram.enable();
  }

  take(): EventLoopDelaySample {
    const delay = (ns: number) => (this.histogram.count === 0 ? 0 : Math.max(0, ns / 1e6 - RESOLUTION_MS));
    const sample = { p50Ms: delay(this.histogram.percentile(50)), p99Ms: delay(this.histogram.percentile(99)), maxMs: delay(this.histogram.max) };
    this.histogram.reset();
    return sample;
  }

  stop(): void {
    this.histogram.disable();
  }
}

/**
 * `unfurl_event_loop_delay_seconds{quantile}` and `…_max_seconds`, over the time since the previous
 * scrape. Under node:cluster the aggregated figure is the worst process's (`max`), not a sum.
 */
export function registerEventLoopDelayMetrics(registry: Registry): void {
  const monitor = new EventLoopDelay();
  let last: EventLoopDelaySample = { p50Ms: 0, p99Ms: 0, maxMs: 0 };
  const quantiles = new Gauge({
    name: 'unfurl_event_loop_delay_seconds',
    help: 'Event-loop delay of the main thread since the previous scrape, by quantile.',
    labelNames: ['quantile'],
    registers: [],
    aggregator: 'max',
    collect() {
      last = monitor.take();
      this.set({ quantile: '0.5' }, last.p50Ms / 1000);
      this.set({ quantile: '0.99' }, last.p99Ms / 1000);
    },
  });
  const max = new Gauge({
    name: 'unfurl_event_loop_delay_max_seconds',
    help: 'Longest event-loop delay of the main thread since the previous scrape.',
    registers: [],
    aggregator: 'max',
    collect() {
      this.set(last.maxMs / 1000);
    },
  });
  // Registered in this order: the quantiles' collect takes the sample the max reads.
  registry.registerMetric(quantiles);
  registry.registerMetric(max);
}
