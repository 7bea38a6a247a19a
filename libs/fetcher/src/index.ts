export { isBlockedAddress, canonicalIp } from './blocked-address';
export { checkUrl, isAddressAllowed, type UrlPolicy } from './check-url';
export { ConnectionGuard } from './connection-guard';
export { FetchError } from './fetch-error';
export { FETCHER_OPTIONS } from './fetcher.module-definition';
export { FetcherModule } from './fetcher.module';
export { FetcherService, type FetchOptions, type FetchResult } from './fetcher.service';
export {
  DEFAULT_ALLOWED_PORTS,
  DEFAULT_USER_AGENT,
  type FetcherOptions,
  type ResolvedAddress,
  type Resolver,
} from './fetcher-options';
export { systemResolver } from './system-resolver';
