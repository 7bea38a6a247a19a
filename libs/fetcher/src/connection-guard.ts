import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { PreviewErrorCode } from '@unfurl/contracts';
import { isAddressAllowed, type UrlPolicy } from './check-url';
import { FetchError } from './fetch-error';
import type { Resolver } from './fetcher-options';

type LookupCallback = (err: Error | null, address: string | LookupAddress[], family?: number) => void;

interface ConnectOptions {
  host?: string | null;
  hostname?: string | null;
  lookup?: unknown;
}

/**
 * The one place an outbound connection's address is decided. Host names are resolved once, through
 * the injected resolver, inside the socket's own `lookup`: blocked addresses are dropped and only
 * vetted ones are handed to net.connect, so there is no second resolution an attacker's DNS could
 * answer differently (rebinding). IP literals, which net.connect never looks up, are checked here.
 * The connect timeout covers resolution and the TCP (and TLS) handshake.
 */
export class ConnectionGuard {
  constructor(
    private readonly policy: Pick<UrlPolicy, 'allowPrivateAddresses' | 'isAddressAllowed'>,
    private readonly resolver: Resolver,
    private readonly connectTimeoutMs: number,
  ) {}

  connect<T extends ConnectOptions>(
    options: T,
    callback: ((err: Error | null, stream: Duplex) => void) | undefined,
    create: (options: T) => Duplex,
    connectedEvent: 'connect' | 'secureConnect',
  ): Duplex | undefined {
    const host = options.host ?? options.hostname ?? '';
    const literal = host.startsWith('[') ? host.slice(1, -1) : host;
    if (isIP(literal) && !isAddressAllowed(literal, this.policy)) {
      const error = FetchError.blockedAddress(literal);
      if (callback) {
        process.nextTick(callback, error);
        return undefined;
      }
      throw error;
    }
    const socket = create({ ...options, lookup: this.lookup });
    const timer = setTimeout(() => {
      socket.destroy(new FetchError(PreviewErrorCode.UpstreamTimeout, `no connection to ${host} within ${this.connectTimeoutMs} ms`));
    }, this.connectTimeoutMs);
    const clear = () => clearTimeout(timer);
    socket.once(connectedEvent, clear);
    socket.once('close', clear);
    return socket;
  }

  private readonly lookup = (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family || 0;
    this.resolver(hostname).then(
      (addresses) => {
        const candidates = addresses.filter((a) => family === 0 || a.family === family);
        const usable = candidates.filter((a) => isAddressAllowed(a.address, this.policy));
        if (candidates.length === 0) {
          callback(new FetchError(PreviewErrorCode.UpstreamUnreachable, `${hostname} has no address`), []);
        } else if (usable.length === 0) {
          callback(FetchError.blockedAddress(candidates[0].address, hostname), []);
        } else if (options.all) {
          callback(null, usable);
        } else {
          callback(null, usable[0].address, usable[0].family);
        }
      },
      (error: unknown) => {
        const code = (error as { code?: unknown } | null)?.code;
        const message = `${hostname} could not be resolved${typeof code === 'string' ? ` (${code})` : ''}`;
        callback(new FetchError(PreviewErrorCode.UpstreamUnreachable, message, undefined, { cause: error }), []);
      },
    );
  };
}
