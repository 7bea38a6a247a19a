import type { LaunchOptions } from 'playwright-core';

/**
 * How the renderer starts Chromium. Besides the usual headless-in-a-container flags: no WebRTC
 * traffic that could leave outside the proxy (UDP is only used when proxied, which an HTTP proxy
 * never does, and TURN over TCP goes through the guarded proxy like everything else), no QUIC,
 * and Chromium's own popup blocker back on (Playwright turns it off by default).
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--dns-prefetch-disable',
  '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
  '--webrtc-ip-handling-policy=disable_non_proxied_udp',
];

export function chromiumLaunchOptions(executablePath: string, proxyServer: string): LaunchOptions {
  return {
    executablePath,
    args: [...CHROMIUM_ARGS],
    ignoreDefaultArgs: ['--disable-popup-blocking'],
    proxy: { server: proxyServer },
    // Shutdown is the app's business: pages in flight finish before the browser closes.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  };
}
