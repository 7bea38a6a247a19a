import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigService, EventLoopDelay, type Environment } from '@unfurl/config';
import { ApiMetrics } from '../metrics/api-metrics';
import { problemOf, ProblemCode } from '../problems/problem';
import { sendProblem } from '../problems/send-problem';

/** How often the event-loop delay is read; shedding starts or stops at most this late. */
const SAMPLE_MS = 250;

/** Probes and scrapes must keep answering precisely when the process is busy. */
const EXEMPT = /^\/(health\/|metrics(\?|$))/;

/**
 * Answers 503 OVERLOADED (with Retry-After) while the event loop runs later than
 * LOAD_SHED_EVENT_LOOP_DELAY_MS: past that point every request already waits that long, and taking
 * more only makes all of them slower. A fast refusal lets a client or balancer go elsewhere.
 */
export function installLoadShedding(app: NestFastifyApplication): void {
  const config = app.get<ConfigService<Environment, true>>(ConfigService);
  const thresholdMs = config.get('LOAD_SHED_EVENT_LOOP_DELAY_MS', { infer: true });
  const retryAfter = { 'Retry-After': String(config.get('RETRY_AFTER_SECONDS', { infer: true })) };
  const problem = problemOf(ProblemCode.Overloaded, 'the server is too busy to answer in time; try again shortly');
  const { shed } = app.get(ApiMetrics);
  const delay = new EventLoopDelay();
  let overloaded = false;
  const sampler = setInterval(() => (overloaded = delay.take().p99Ms > thresholdMs), SAMPLE_MS).unref();

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onClose', (_instance, done) => {
    clearInterval(sampler);
    delay.stop();
    done();
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!overloaded || EXEMPT.test(request.url)) return done();
    shed.inc();
    void sendProblem(reply, problem, retryAfter);
  });
}
