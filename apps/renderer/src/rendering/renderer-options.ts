import type { ConfigService, Environment } from '@unfurl/config';
import type { FetchPolicy } from '@unfurl/fetcher';
import type { PageRendererOptions, RenderObserver } from '../browser/page-renderer';

/** The renderer's settings: its own RENDER_* ones, and the fetch policy every outbound request follows. */
export function rendererOptions(config: ConfigService<Environment, true>, policy: FetchPolicy, observer: RenderObserver): PageRendererOptions {
  return {
    executablePath: config.get('CHROMIUM_PATH', { infer: true }),
    concurrency: config.get('RENDER_CONCURRENCY', { infer: true }),
    timeoutMs: config.get('RENDER_TIMEOUT_MS', { infer: true }),
    maxPagesPerBrowser: config.get('RENDER_MAX_PAGES_PER_BROWSER', { infer: true }),
    maxBrowserRssBytes: config.get('RENDER_MAX_BROWSER_RSS_MB', { infer: true }) * 1024 * 1024,
    maxPageBytes: config.get('RENDER_MAX_BYTES', { infer: true }),
    policy,
    connectTimeoutMs: policy.connectTimeoutMs,
    userAgent: policy.userAgent,
    observer,
  };
}
