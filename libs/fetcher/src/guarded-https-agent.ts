import https from 'node:https';
import type { Duplex } from 'node:stream';
import type { ConnectionGuard } from './connection-guard';

/** https.Agent whose connections go through the ConnectionGuard; certificates are verified as usual. */
export class GuardedHttpsAgent extends https.Agent {
  constructor(private readonly guard: ConnectionGuard) {
    super({ keepAlive: false });
  }

  override createConnection(
    options: https.RequestOptions,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    return this.guard.connect(options, callback, (o) => super.createConnection(o) as Duplex, 'secureConnect');
  }
}
