import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import type { ConnectionGuard } from './connection-guard';

/**
 * Idle time of a pooled connection: under the 5 s that Node and Apache servers keep one, so the pool
 * rarely picks a connection the server is closing (Node shortens it further to a `Keep-Alive:
 * timeout` hint). A connection the server closed anyway is retried once by FetcherService.
 */
const IDLE_TIMEOUT_MS = 4000;
/** Idle connections kept per host, port and TLS options (Node's pool key); a burst's surplus is closed. */
const MAX_IDLE_PER_HOST = 64;

/**
 * `Base` with every connection going through the ConnectionGuard. Connections are kept alive: a
 * pooled one stays bound to the address vetted when it connected, and Node pools by host name,
 * port and TLS servername, so a connection is only reused for the host it was opened for. Base's
 * own createConnection makes the socket (net for http; tls for https, which verifies certificates
 * as usual), and `connectedEvent` is when that socket is ready.
 */
function guarded(Base: typeof http.Agent, connectedEvent: 'connect' | 'secureConnect') {
  return class extends Base {
    constructor(private readonly guard: ConnectionGuard) {
      super({ keepAlive: true, timeout: IDLE_TIMEOUT_MS, maxFreeSockets: MAX_IDLE_PER_HOST });
    }

    override createConnection(
      options: http.ClientRequestArgs,
      callback?: (err: Error | null, stream: Duplex) => void,
    ): Duplex | null | undefined {
      return this.guard.connect(options, callback, (o) => super.createConnection(o) as Duplex, connectedEvent);
    }
  };
}

export class GuardedHttpAgent extends guarded(http.Agent, 'connect') {}

export class GuardedHttpsAgent extends guarded(https.Agent, 'secureConnect') {}
