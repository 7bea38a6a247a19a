import { Injectable, type OnModuleInit } from '@nestjs/common';
import { registerEventLoopDelayMetrics } from '@unfurl/config';
import { QueueName } from '@unfurl/contracts';
import { JobQueue } from '@unfurl/queue';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ExtractionPool } from '../extraction/extraction-pool';
import { HostBreaker } from '../previews/host-breaker';

/** A gauge read when scraped. */
const gauge = (name: string, help: string, read: () => number) => new Gauge({ name, help, registers: [], collect() { this.set(read()); } });

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** A scrape must not hang on a Redis that is away: queue depth is then left out. */
const QUEUE_COUNT_DEADLINE_MS = 1_000;

/**
 * The worker's Prometheus metrics, served by HealthServer on /metrics: its main thread's
 * event-loop delay, the extraction pool, queue depth, job outcomes and durations, and stalled
 * jobs (a stalled job means lock renewal was starved: the number to keep at zero).
 */
@Injectable()
export class WorkerMetrics implements OnModuleInit {
  readonly registry = new Registry();

  constructor(
    private readonly jobs: JobQueue,
    private readonly pool: ExtractionPool,
    private readonly breaker: HostBreaker,
  ) {}

  onModuleInit(): void {
    collectDefaultMetrics({ register: this.registry });
    registerEventLoopDelayMetrics(this.registry);
    this.poolMetrics();
    this.queueMetrics();
    this.jobMetrics();
  }

  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private poolMetrics(): void {
    const { pool, breaker, jobs } = this;
    for (const metric of [
      gauge('unfurl_extraction_pool_utilization', 'Share of the extraction threads’ capacity in use (piscina).', () => pool.stats.utilization),
      gauge('unfurl_extraction_pool_threads', 'Extraction threads alive.', () => pool.stats.threads),
      gauge('unfurl_extraction_pool_queued', 'Fetched pages waiting for a free extraction thread.', () => pool.stats.queued),
      gauge('unfurl_host_breakers_open', 'Hosts whose breaker is open in this worker: their jobs fail at once with HOST_UNAVAILABLE.', () => breaker.openCount),
      gauge('unfurl_jobs_in_flight', 'Preview job handlers running in this worker (never above WORKER_CONCURRENCY).', () => jobs.inFlight(QueueName.Previews)),
      new Counter({
        name: 'unfurl_host_breaker_refused_total',
        help: 'Preview jobs failed at once (HOST_UNAVAILABLE) because their host’s breaker was open.',
        registers: [],
        collect() {
          this.reset();
          this.inc(breaker.refused);
        },
      }),
    ]) {
      this.registry.registerMetric(metric);
    }
  }

  private queueMetrics(): void {
    const jobs = this.jobs;
    const depth = new Gauge({
      name: 'unfurl_queue_jobs',
      help: 'Jobs in the previews queue, by state.',
      labelNames: ['state'],
      registers: [],
      async collect() {
        const counts = await jobs.counts(QueueName.Previews, QUEUE_COUNT_DEADLINE_MS).catch(() => null);
        this.reset();
        if (counts) for (const state of QUEUE_STATES) this.set({ state }, counts[state]);
      },
    });
    this.registry.registerMetric(depth);
  }

  private jobMetrics(): void {
    const registers = [this.registry];
    const outcomes = new Counter({ name: 'unfurl_jobs_total', help: 'Jobs ended by this worker: ready, failed (a cached failure) or error (thrown, retried while attempts remain).', labelNames: ['outcome'], registers });
    const deferrals = new Counter({ name: 'unfurl_jobs_deferred_total', help: 'Jobs set aside (delayed, no attempt used) because their host had FETCH_PER_HOST_CONCURRENCY fetches in flight.', registers });
    const durations = new Histogram({
      name: 'unfurl_job_duration_seconds',
      help: 'From a job being taken to its end: fetch, extraction and storage.',
      labelNames: ['outcome'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    const stalled = new Counter({ name: 'unfurl_jobs_stalled_total', help: 'Jobs whose lock expired while active (Bull `stalled`): lock renewal was starved or a worker died.', registers });
    this.jobs.onJobEnd(QueueName.Previews, 'local', ({ outcome, result, durationMs = 0 }) => {
      if (outcome === 'deferred') return deferrals.inc();
      const label = outcome === 'completed' ? (result?.status ?? 'ready') : 'error';
      outcomes.inc({ outcome: label });
      durations.observe({ outcome: label }, durationMs / 1000);
    });
    this.jobs.onStalled(QueueName.Previews, () => stalled.inc());
  }
}
