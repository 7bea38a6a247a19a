import type { ConfigService, Environment } from '@unfurl/config';
import type { PageRendererOptions, RenderObserver } from '../browser/page-renderer';

/** The renderer's settings from the validated configuration; the address policy is the fetcher's (FETCH_*). */
export function rendererOptions(config: ConfigService<Environment, true>, observer: RenderObserver): PageRendererOptions {
  return {
    executablePath: config.get('CHROMIUM_PATH', { infer: true }),
    concurrency: config.get('RENDER_CONCURRENCY', { infer: true }),
    timeoutMs: config.get('RENDER_TIMEOUT_MS', { infer: true }),
    maxPagesPerBrowser: config.get('RENDER_MAX_PAGES_PER_BROWSER', { infer: true }),
    maxBrowserRssBytes: config.get('RENDER_MAX_BROWSER_RSS_MB', { infer: true }) * 1024 * 1024,
    maxPageBytes: config.get('RENDER_MAX_BYTES', { infer: true }),
    connectTimeoutMs: config.get('FETCH_CONNECT_TIMEOUT_MS', { infer: true }),
    policy: {
      allowPrivateAddresses: config.get('FETCH_ALLOW_PRIVATE_ADDRESSES', { infer: true }),
      allowedPorts: config.get('FETCH_ALLOWED_PORTS', { infer: true }).split(',').map(Number),
      maxUrlLength: config.get('MAX_URL_LENGTH', { infer: true }),
    },
    observer,
  };
}
