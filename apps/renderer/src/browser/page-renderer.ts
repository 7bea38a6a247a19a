import { PreviewErrorCode, upstreamHttpCode } from '@unfurl/contracts';
import { checkUrl, systemResolver, type Resolver, type UrlPolicy } from '@unfurl/fetcher';
import { chromium, errors, type Browser, type BrowserContext, type Page, type Request, type Response } from 'playwright-core';
import { GuardedProxy, targetOf, type Refusal } from '../proxy/guarded-proxy';
import { chromiumLaunchOptions } from './chromium-launch';
import { descendantRssBytes } from './process-tree';
import { RenderError } from './render-error';

export interface PageRendererOptions {
  /** Chromium's executable: CHROMIUM_PATH, by default Debian's /usr/bin/chromium. Never downloaded. */
  executablePath: string;
  /** Pages rendered at once (RENDER_CONCURRENCY); further calls wait for a slot. */
  concurrency: number;
  /** How long a page may take to go network-quiet (RENDER_TIMEOUT_MS); its DOM is taken then anyway. */
  timeoutMs: number;
  /** The browser is replaced once it has rendered this many pages... */
  maxPagesPerBrowser: number;
  /** ...or once its processes together use more memory than this. */
  maxBrowserRssBytes: number;
  /** Bytes one page may move through the proxy (document, subresources, uploads). */
  maxPageBytes: number;
  /** The fetcher's policy: every connection the browser makes gets the same verdict as a fetch. */
  policy: UrlPolicy;
  connectTimeoutMs: number;
  userAgent?: string;
  /** Injectable DNS, for tests; default the system resolver. */
  resolver?: Resolver;
  observer?: RenderObserver;
}

export type ScreenshotFormat = 'jpeg' | 'webp';

export interface RenderOptions {
  /** Also take a viewport screenshot (1200x630) in this format. */
  screenshot?: ScreenshotFormat;
  /**
   * BCP 47 tag the page is asked for in: sent as Accept-Language (the same value as the static
   * fetch's) and set as the context's locale, so scripts that read navigator.language agree.
   */
  lang?: string;
}

export interface Screenshot {
  contentType: 'image/jpeg' | 'image/webp';
  width: number;
  height: number;
  data: Buffer;
}

export interface RenderedPage {
  url: string;
  /** The main frame's URL when the DOM was taken, after redirects and script navigations. */
  finalUrl: string;
  /** Status of the main document's last response. */
  status: number;
  /** The DOM serialised as HTML, for the same extractor as static pages. */
  html: string;
  /** true: the network went quiet; false: the DOM was taken at the deadline. */
  settled: boolean;
  /** Bytes the page moved through the proxy. */
  bytes: number;
  screenshot: Screenshot | null;
}

export type RenderOutcome = 'settled' | 'deadline' | 'failed';
export type RestartReason = 'pages' | 'rss' | 'crash';

/** What the renderer reports as it works; RendererMetrics turns it into Prometheus series. */
export interface RenderObserver {
  rendered(outcome: RenderOutcome, seconds: number): void;
  restarted(reason: RestartReason): void;
  /** What one page's proxy carried and refused, once the page is closed. */
  traffic(traffic: PageTraffic): void;
}

export interface PageTraffic {
  bytes: number;
  /** `address:port` of every connection the proxy made for the page. */
  dialled: readonly string[];
  refusals: readonly Refusal[];
}

/** The card size most sites use for og:image; screenshots are taken at this viewport, scale 1. */
export const VIEWPORT = { width: 1200, height: 630 } as const;
/** Taking the DOM (and a screenshot) after the deadline gets this long; a page that hangs its renderer fails. */
const CAPTURE_TIMEOUT_MS = 3_000;
const SCREENSHOT_QUALITY = 80;
const BROWSER_CLOSE_TIMEOUT_MS = 10_000;
/** Never fetched for a preview: they cost bytes and time and change nothing in the DOM. */
const SKIPPED_RESOURCE_TYPES = new Set(['font', 'media']);

/**
 * Renders pages in headless Chromium (playwright-core), safe by construction: all traffic of a page
 * goes through a GuardedProxy of its own (the fetcher's address policy, checked on the address
 * dialled, and a byte budget); each page gets a fresh browser context with downloads, service
 * workers, fonts, media and non-http(s) requests refused and popups closed. At most `concurrency`
 * pages at once; the browser is replaced after `maxPagesPerBrowser` pages or above
 * `maxBrowserRssBytes` (once its pages are done), and relaunched when it crashes, the page in
 * flight being tried once more on the new one.
 */
export class PageRenderer {
  private browser: Promise<Browser> | null = null;
  /** Proxy for anything a browser sends outside a page's context: it gets the same guard. */
  private browserProxy: GuardedProxy | null = null;
  private active = 0;
  private pagesOnBrowser = 0;
  private retireReason: RestartReason | null = null;
  private retiring: Promise<void> | null = null;
  private readonly waiters: Array<() => void> = [];
  private closed = false;

  constructor(private readonly options: PageRendererOptions) {}

  /** Launches the browser now rather than on the first page; rejects when Chromium cannot start. */
  async start(): Promise<void> {
    await this.currentBrowser();
  }

  /** Whether a browser is up (for readiness). */
  async isReady(): Promise<boolean> {
    if (!this.browser) return false;
    return this.browser.then((b) => b.isConnected(), () => false);
  }

  /**
   * Loads `url`, waits for the network to go quiet (or the deadline), and returns its DOM.
   * Rejects with RenderError: BLOCKED_URL/BLOCKED_ADDRESS/BLOCKED_PORT/SITE_DENIED when the page
   * itself (or a redirect of it, or the address a script sends it to) is refused by the policy,
   * UPSTREAM_TIMEOUT when nothing arrived in time, UPSTREAM_UNREACHABLE (also when a script sends
   * it to an address that does not answer), UPSTREAM_HTTP_<status> for an error answer without a
   * body (Chromium shows its own error page then), TOO_MANY_REDIRECTS, TOO_LARGE when the page spent
   * its byte budget, INTERNAL when the browser failed twice.
   */
  async render(url: string, options: RenderOptions = {}): Promise<RenderedPage> {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      checkUrl(url, this.options.policy);
      await this.acquire();
    } catch (error) {
      this.options.observer?.rendered('failed', seconds());
      throw RenderError.from(error);
    }
    try {
      const page = await this.renderRetryingOnCrash(url, options);
      this.options.observer?.rendered(page.settled ? 'settled' : 'deadline', seconds());
      return page;
    } catch (error) {
      this.options.observer?.rendered('failed', seconds());
      throw RenderError.from(error);
    } finally {
      void this.release();
    }
  }

  /** Stops taking pages, waits for those in flight, then closes the browser. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.active > 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
    await this.closeBrowser();
    this.wake();
  }

  private async renderRetryingOnCrash(url: string, options: RenderOptions): Promise<RenderedPage> {
    for (let attempt = 1; ; attempt += 1) {
      const launched = this.currentBrowser();
      const browser = await launched;
      const proxy = new GuardedProxy({ policy: this.options.policy, resolver: this.resolver, connectTimeoutMs: this.options.connectTimeoutMs, maxBytes: this.options.maxPageBytes });
      try {
        // A browser killed mid-page can leave a Playwright call unanswered: the page gets a bound of its own.
        return await withTimeout(this.renderOnce(browser, proxy, url, options), this.options.timeoutMs + 4 * CAPTURE_TIMEOUT_MS, 'rendering the page');
      } catch (error) {
        if (browser.isConnected() || attempt > 1) throw error;
        // The page's failure may arrive before the browser's 'disconnected' event.
        this.forgetCrashed(launched);
      } finally {
        // renderOnce closes it too, but a page left unanswered never gets there, and a proxy still
        // listening would keep the process (and its shutdown) alive.
        await withTimeout(proxy.close(), CAPTURE_TIMEOUT_MS, 'closing the page proxy').catch(() => undefined);
      }
    }
  }

  private async renderOnce(browser: Browser, proxy: GuardedProxy, url: string, options: RenderOptions): Promise<RenderedPage> {
    this.pagesOnBrowser += 1;
    const server = await proxy.listen();
    let context: BrowserContext | undefined;
    try {
      context = await browser.newContext({
        proxy: { server },
        acceptDownloads: false,
        serviceWorkers: 'block',
        viewport: VIEWPORT,
        deviceScaleFactor: 1,
        userAgent: this.options.userAgent,
        ...(options.lang ? { locale: browserLocale(options.lang), extraHTTPHeaders: { 'accept-language': options.lang } } : {}),
      });
      await context.route('**/*', (route) => (isRefusedRequest(route.request()) ? route.abort('blockedbyclient') : route.continue()).catch(() => undefined));
      const page = await context.newPage();
      context.on('page', (popup) => void popup.close().catch(() => undefined));
      const main = trackMainDocument(page);
      const settled = await this.settle(page, url);
      const document = main.response();
      if (proxy.exhausted) throw new RenderError(PreviewErrorCode.TooLarge, `the page used more than ${this.options.maxPageBytes} bytes`);
      const refusal = proxy.refusals.find((r) => r.target === main.target());
      if (refusal && (!document || document.status() === 403)) throw new RenderError(refusal.code, `the page's address ${refusal.target} was refused`);
      if (!document) throw new RenderError(settled ? PreviewErrorCode.UpstreamUnreachable : PreviewErrorCode.UpstreamTimeout, `no answer from ${url}`);
      const html = await withTimeout(contentOnceNavigated(page), CAPTURE_TIMEOUT_MS, 'taking the DOM');
      // Checked once the DOM is taken: a script may have sent the page on until then.
      const finalUrl = page.url();
      if (finalUrl.startsWith(NAVIGATION_FAILED)) throw navigationFailure(main, proxy);
      if (!/^https?:/.test(finalUrl)) throw new RenderError(PreviewErrorCode.BlockedUrl, 'the page navigated away from http(s)');
      if (html.length > this.options.maxPageBytes) throw new RenderError(PreviewErrorCode.TooLarge, 'the rendered DOM is larger than the byte budget');
      const screenshot = options.screenshot ? await withTimeout(takeScreenshot(page, options.screenshot), CAPTURE_TIMEOUT_MS, 'taking a screenshot') : null;
      return { url, finalUrl, status: document.status(), html, settled, bytes: proxy.used, screenshot };
    } finally {
      await withTimeout(context?.close() ?? Promise.resolve(), CAPTURE_TIMEOUT_MS, 'closing the page').catch(() => undefined);
      await withTimeout(proxy.close(), CAPTURE_TIMEOUT_MS, 'closing the page proxy').catch(() => undefined);
      this.options.observer?.traffic({ bytes: proxy.used, dialled: proxy.dialled, refusals: proxy.refusals });
    }
  }

  /** Navigates and waits for network quiet; false when the deadline came first. Navigation errors reject. */
  private async settle(page: Page, url: string): Promise<boolean> {
    try {
      await page.goto(url, { waitUntil: 'networkidle', timeout: this.options.timeoutMs });
      return true;
    } catch (error) {
      if (error instanceof errors.TimeoutError) return false;
      // Refused by the proxy or the route: the caller reads the refusal; anything else is the browser's.
      if (error instanceof Error && /net::ERR_/.test(error.message)) return true;
      throw error;
    }
  }

  private get resolver(): Resolver {
    return this.options.resolver ?? systemResolver;
  }

  private currentBrowser(): Promise<Browser> {
    if (this.closed) return Promise.reject(new RenderError(PreviewErrorCode.Internal, 'the renderer is shutting down'));
    this.browser ??= this.launch();
    return this.browser;
  }

  private async launch(): Promise<Browser> {
    this.pagesOnBrowser = 0;
    const proxy = new GuardedProxy({ policy: this.options.policy, resolver: this.resolver, connectTimeoutMs: this.options.connectTimeoutMs, maxBytes: this.options.maxPageBytes });
    try {
      const browser = await chromium.launch(chromiumLaunchOptions(this.options.executablePath, await proxy.listen()));
      this.browserProxy = proxy;
      const launched = this.browser;
      browser.on('disconnected', () => {
        void proxy.close().catch(() => undefined);
        this.forgetCrashed(launched);
      });
      return browser;
    } catch (error) {
      this.browser = null;
      await proxy.close();
      throw new RenderError(PreviewErrorCode.Internal, `Chromium did not start (${this.options.executablePath})`, { cause: error });
    }
  }

  /** A browser that went away without being closed by us is dropped (once), so the next page launches a new one. */
  private forgetCrashed(launched: Promise<Browser> | null): void {
    if (!launched || this.browser !== launched) return;
    this.browser = null;
    this.options.observer?.restarted('crash');
  }

  private async closeBrowser(): Promise<void> {
    const current = this.browser;
    this.browser = null;
    if (current) await withTimeout(current.then((b) => b.close(), () => undefined), BROWSER_CLOSE_TIMEOUT_MS, 'closing the browser').catch(() => undefined);
    await this.browserProxy?.close();
    this.browserProxy = null;
  }

  private async acquire(): Promise<void> {
    while (this.active >= this.options.concurrency || this.retireReason || this.retiring) {
      if (this.closed) throw new RenderError(PreviewErrorCode.Internal, 'the renderer is shutting down');
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    if (this.closed) throw new RenderError(PreviewErrorCode.Internal, 'the renderer is shutting down');
    this.active += 1;
  }

  /** Frees a slot; replaces the browser once it is due and idle. */
  private async release(): Promise<void> {
    this.active -= 1;
    this.retireReason ??= await this.dueForRestart();
    if (this.retireReason && this.active === 0 && !this.retiring && !this.closed) {
      const reason = this.retireReason;
      this.retiring = this.closeBrowser();
      await this.retiring;
      this.retiring = null;
      this.retireReason = null;
      this.options.observer?.restarted(reason);
    }
    this.wake();
  }

  private async dueForRestart(): Promise<RestartReason | null> {
    if (!this.browser) return null;
    if (this.pagesOnBrowser >= this.options.maxPagesPerBrowser) return 'pages';
    return (await descendantRssBytes()) > this.options.maxBrowserRssBytes ? 'rss' : null;
  }

  private wake(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}

/**
 * `lang` as the context's locale, or undefined (the browser's own) for a BCP 47 tag that is not a
 * Unicode locale (`x-private` alone, extlangs): Chromium refuses those and the page would fail.
 */
function browserLocale(lang: string): string | undefined {
  try {
    Intl.getCanonicalLocales(lang);
    return lang;
  } catch {
    return undefined;
  }
}

/** Requests refused before they reach the proxy: fonts and media, and anything but http(s). */
function isRefusedRequest(request: Request): boolean {
  return SKIPPED_RESOURCE_TYPES.has(request.resourceType()) || !/^https?:/.test(request.url());
}

interface MainDocument {
  /** `hostname:port` of the main frame's last navigation. */
  target: () => string;
  /** The main frame's last answer (a redirect's included). */
  response: () => Response | null;
  /** Chromium's error text (`net::ERR_...`) when the main frame's last navigation failed. */
  failure: () => string | undefined;
}

/** Follows the main frame's navigations, redirects included: the last request, its response, its failure. */
function trackMainDocument(page: Page): MainDocument {
  let target = '';
  let response: Response | null = null;
  let failure: string | undefined;
  const isMain = (request: Request) => request.isNavigationRequest() && request.frame() === page.mainFrame();
  page.on('request', (request) => {
    if (!isMain(request)) return;
    failure = undefined;
    if (URL.canParse(request.url())) target = targetOf(new URL(request.url()));
  });
  page.on('response', (answer) => {
    if (isMain(answer.request())) response = answer;
  });
  page.on('requestfailed', (request) => {
    if (isMain(request)) failure = request.failure()?.errorText;
  });
  return { target: () => target, response: () => response, failure: () => failure };
}

/**
 * Why the main frame ended on Chromium's error page (a navigation, a redirect or a script's, that
 * failed): from Chromium's error text, else the proxy's verdict on the address, else unreachable.
 */
function navigationFailure(main: MainDocument, proxy: GuardedProxy): RenderError {
  const failure = main.failure() ?? 'unknown error';
  const status = main.response()?.status();
  const message = `the page's navigation to ${main.target()} failed (${failure})`;
  if (failure.includes('ERR_HTTP_RESPONSE_CODE_FAILURE') && status !== undefined && status >= 400) return new RenderError(upstreamHttpCode(status), message);
  if (failure.includes('ERR_TOO_MANY_REDIRECTS')) return new RenderError(PreviewErrorCode.TooManyRedirects, message);
  if (failure.includes('ERR_BLOCKED_BY_CLIENT')) return new RenderError(PreviewErrorCode.BlockedUrl, message);
  return new RenderError(proxy.refusals.findLast((r) => r.target === main.target())?.code ?? PreviewErrorCode.UpstreamUnreachable, message);
}

/** Where Chromium leaves the main frame when its navigation failed (the error page). */
const NAVIGATION_FAILED = 'chrome-error:';

/**
 * The DOM; when a script navigates the page just as it is taken (Playwright then refuses: "the page
 * is navigating"), the new document's once it has loaded. Bound by the caller's timeout.
 */
async function contentOnceNavigated(page: Page): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await page.content();
    } catch (error) {
      if (attempt >= 3 || !(error instanceof Error && /is navigating/.test(error.message))) throw error;
      await page.waitForLoadState('domcontentloaded').catch(() => undefined);
    }
  }
}

async function takeScreenshot(page: Page, format: ScreenshotFormat): Promise<Screenshot> {
  const session = await page.context().newCDPSession(page);
  try {
    const { data } = await session.send('Page.captureScreenshot', { format, quality: SCREENSHOT_QUALITY });
    return { contentType: `image/${format}`, width: VIEWPORT.width, height: VIEWPORT.height, data: Buffer.from(data, 'base64') };
  } finally {
    await session.detach().catch(() => undefined);
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RenderError(PreviewErrorCode.UpstreamTimeout, `${what} took longer than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}
