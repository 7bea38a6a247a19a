import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiMetrics } from './api-metrics';

/** Times every request by its route pattern (not its URL, which would make a label per preview). */
export function installHttpMetrics(app: NestFastifyApplication): void {
  const { requests } = app.get(ApiMetrics);
  app.getHttpAdapter().getInstance().addHook('onResponse', (request, reply, done) => {
    requests.observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });
}
