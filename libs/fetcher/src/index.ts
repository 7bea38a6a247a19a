export { checkUrl, isAddressAllowed, type UrlPolicy } from './check-url';
export { ConnectionGuard } from './connection-guard';
export { FetchError } from './fetch-error';
export { FETCH_POLICY, type FetchPolicy } from './fetch-policy';
export { FetchPolicyModule } from './fetch-policy.module';
export { FetcherModule } from './fetcher.module';
export { FetcherService, type FetchOptions, type FetchResult } from './fetcher.service';
export type { ResolvedAddress, Resolver } from './fetcher-options';
export { systemResolver } from './system-resolver';
