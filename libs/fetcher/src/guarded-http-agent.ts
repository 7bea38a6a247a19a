import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { ConnectionGuard } from './connection-guard';

/** http.Agent whose connections go through the ConnectionGuard; no keep-alive, so every request is vetted anew. */
export class GuardedHttpAgent extends http.Agent {
  constructor(private readonly guard: ConnectionGuard) {
    super({ keepAlive: false });
  }

  override createConnection(
    options: http.ClientRequestArgs,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    return this.guard.connect(options, callback, (o) => net.createConnection(o as net.NetConnectOpts), 'connect');
  }
}
