import { Injectable } from '@nestjs/common';
import { registerEventLoopDelayMetrics } from '@unfurl/config';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PageTraffic, RenderObserver, RenderOutcome, RestartReason } from '../browser/page-renderer';
import { descendantRssBytes } from '../browser/process-tree';

/**
 * The renderer's Prometheus metrics, served by HealthServer on /metrics: renders by outcome and
 * their duration, browser restarts by reason, the browser's memory, and what the guarded proxy
 * refused (a rising BLOCKED_ADDRESS count means pages are probing the network they run in).
 */
@Injectable()
export class RendererMetrics implements RenderObserver {
  readonly registry = new Registry();
  private readonly renders = new Counter({ name: 'unfurl_renders_total', help: 'Pages rendered: settled (network quiet), deadline (DOM taken at RENDER_TIMEOUT_MS) or failed.', labelNames: ['outcome'], registers: [this.registry] });
  private readonly durations = new Histogram({
    name: 'unfurl_render_duration_seconds',
    help: 'From a render being asked for (slot wait included) to its DOM.',
    labelNames: ['outcome'],
    buckets: [0.25, 0.5, 1, 2, 4, 8, 15, 30, 60],
    registers: [this.registry],
  });
  private readonly restarts = new Counter({ name: 'unfurl_browser_restarts_total', help: 'Browsers replaced: pages (allowance used), rss (memory limit) or crash.', labelNames: ['reason'], registers: [this.registry] });
  private readonly refusals = new Counter({ name: 'unfurl_render_proxy_refusals_total', help: 'Browser requests the guarded proxy refused or cut, by error code.', labelNames: ['code'], registers: [this.registry] });
  private readonly bytes = new Counter({ name: 'unfurl_render_proxy_bytes_total', help: 'Bytes pages moved through the guarded proxy.', registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    registerEventLoopDelayMetrics(this.registry);
    this.registry.registerMetric(
      new Gauge({
        name: 'unfurl_browser_rss_bytes',
        help: 'Resident memory of the browser and all its processes.',
        registers: [],
        async collect() {
          this.set(await descendantRssBytes());
        },
      }),
    );
  }

  rendered(outcome: RenderOutcome, seconds: number): void {
    this.renders.inc({ outcome });
    this.durations.observe({ outcome }, seconds);
  }

  restarted(reason: RestartReason): void {
    this.restarts.inc({ reason });
  }

  traffic({ bytes, refusals }: PageTraffic): void {
    this.bytes.inc(bytes);
    for (const refusal of refusals) this.refusals.inc({ code: refusal.code });
  }

  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
