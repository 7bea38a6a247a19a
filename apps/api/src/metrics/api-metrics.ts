import { Injectable } from '@nestjs/common';
import { registerEventLoopDelayMetrics } from '@unfurl/config';
import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import cluster from 'node:cluster';
import { clusterMetrics } from './cluster-metrics';

/**
 * The API's Prometheus metrics: HTTP request latency by route and status, event-loop delay, shed
 * requests, the hot cache, and Node's defaults. Under node:cluster a scrape lands on any one process, so that one
 * asks the primary for the sum over all processes (prom-client's AggregatorRegistry).
 */
@Injectable()
export class ApiMetrics {
  readonly registry = new Registry();
  readonly requests = new Histogram({
    name: 'unfurl_http_request_duration_seconds',
    help: 'HTTP request latency, from the request arriving to the reply being sent.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [],
  });
  readonly shed = new Counter({ name: 'unfurl_http_requests_shed_total', help: 'Requests answered 503 OVERLOADED because the event loop was too late.', registers: [] });
  readonly hotCache = {
    hits: new Counter({ name: 'unfurl_hot_cache_hits_total', help: 'Preview reads answered from the in-process hot cache.', registers: [] }),
    misses: new Counter({ name: 'unfurl_hot_cache_misses_total', help: 'Preview reads looked up in the hot cache and not answered from it (not held, expired, or older than the maxAge asked).', registers: [] }),
    evictions: new Counter({ name: 'unfurl_hot_cache_evictions_total', help: 'Previews dropped from the hot cache to stay within HOT_CACHE_MB.', registers: [] }),
    bytes: new Gauge({ name: 'unfurl_hot_cache_bytes', help: 'Bytes the hot cache holds (summed over API processes).', registers: [] }),
    entries: new Gauge({ name: 'unfurl_hot_cache_entries', help: 'Previews the hot cache holds (summed over API processes).', registers: [] }),
  };

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    registerEventLoopDelayMetrics(this.registry);
    this.registry.registerMetric(this.requests);
    this.registry.registerMetric(this.shed);
    for (const metric of Object.values(this.hotCache)) this.registry.registerMetric(metric);
    if (cluster.isWorker) {
      AggregatorRegistry.setRegistries([this.registry]);
      // Constructing it installs the listener that answers the primary's requests for our metrics.
      void new AggregatorRegistry();
    }
  }

  metrics(): Promise<string> {
    return cluster.isWorker ? clusterMetrics() : this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
