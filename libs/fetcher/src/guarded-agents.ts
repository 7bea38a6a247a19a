import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import type { ConnectionGuard } from './connection-guard';

/**
 * `Base` with every connection going through the ConnectionGuard; no keep-alive, so every request is
 * vetted anew. Base's own createConnection makes the socket (net for http; tls for https, which
 * verifies certificates as usual), and `connectedEvent` is when that socket is ready.
 */
function guarded(Base: typeof http.Agent, connectedEvent: 'connect' | 'secureConnect') {
  return class extends Base {
    constructor(private readonly guard: ConnectionGuard) {
      super({ keepAlive: false });
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
