import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry } from 'prom-client';

const REQUEST = 'unfurl:cluster-metrics-request';
const RESPONSE = 'unfurl:cluster-metrics-response';
const TIMEOUT_MS = 6_000;

interface Message {
  type?: string;
  id?: number;
  body?: string;
  error?: string;
}

/**
 * In the primary: answers a process's request for the metrics of all processes. prom-client's
 * AggregatorRegistry collects them only from the primary, which serves no HTTP itself.
 */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker: Worker, message: Message) => {
    if (message?.type !== REQUEST) return;
    aggregator.clusterMetrics().then(
      (body) => worker.send({ type: RESPONSE, id: message.id, body }),
      (error: unknown) => worker.send({ type: RESPONSE, id: message.id, error: String(error) }),
    );
  });
}

let nextId = 0;
const pending = new Map<number, { resolve: (body: string) => void; reject: (error: Error) => void }>();

/** In a cluster process: the metrics of every process, summed by the primary. */
export function clusterMetrics(): Promise<string> {
  listenForAnswers();
  const id = nextId++;
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error('the cluster primary did not answer with metrics'));
    }, TIMEOUT_MS);
    pending.set(id, {
      resolve: (body) => (clearTimeout(timer), resolve(body)),
      reject: (error) => (clearTimeout(timer), reject(error)),
    });
    process.send?.({ type: REQUEST, id });
  });
}

let listening = false;

function listenForAnswers(): void {
  if (listening) return;
  listening = true;
  process.on('message', (message: Message) => {
    if (message?.type !== RESPONSE || message.id === undefined) return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error !== undefined) waiter?.reject(new Error(message.error));
    else waiter?.resolve(message.body ?? '');
  });
}
