import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A host that accepts connections and never answers, on its own loopback address (127.0.0.2) so that
 * the worker counts it as a host apart from the Upstream on 127.0.0.1. Records when each connection
 * opened and closed, so a test can see whether a fetch was really aborted.
 */
export class HangingHost {
  readonly connections: Array<{ openedAt: number; closedAt?: number }> = [];
  private readonly sockets = new Set<Socket>();
  private server?: Server;
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer((socket) => {
      const connection: { openedAt: number; closedAt?: number } = { openedAt: Date.now() };
      this.connections.push(connection);
      this.sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        connection.closedAt = Date.now();
        this.sockets.delete(socket);
      });
      socket.resume();
    });
    this.server.listen(0, '127.0.0.2');
    await once(this.server, 'listening');
    this.baseUrl = `http://127.0.0.2:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  get open(): number {
    return this.sockets.size;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    for (const socket of this.sockets) socket.destroy();
    this.server.close();
    await once(this.server, 'close');
  }
}
