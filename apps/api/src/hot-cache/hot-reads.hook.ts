import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigService, type Environment } from '@unfurl/config';
import { RENDER_MODES } from '@unfurl/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PRINCIPAL, type RequestWithPrincipal } from '../auth/api-key-principal';
import { ApiKeyService } from '../auth/api-key.service';
import { RateLimiterService } from '../auth/rate-limiter.service';
import { MAX_MAX_AGE_SECONDS, MAX_WAIT_MS } from '../previews/dto/preview-request.dto';
import { PreviewCacheStatus } from '../previews/preview-cache-status';
import { answerHeaders, etagMatches, readHeaders } from '../previews/preview-http-cache';
import { previewRequestAction } from '../previews/preview-request-action';
import { PreviewsService } from '../previews/previews.service';
import { ProblemException } from '../problems/problem.exception';
import { sendProblem } from '../problems/send-problem';
import { HotCache, type HotPreview } from './hot-cache';

const ROUTE = '/v1/previews';
const DIGITS = /^\d{1,9}$/;
/** Preview ids remembered per URL and language as asked; beyond it the oldest go first. */
const MAX_IDS = 10_000;

/** What a GET may ask of a preview the hot cache holds. */
interface HotQuery {
  url: string;
  lang?: string;
  maxAge?: number;
  wait: number;
}

/**
 * The query when every part of it is one the DTO accepts and a stored preview can answer as it is;
 * anything else (a callback, force, a repeated or unknown parameter, a bad value) goes the full way,
 * where ValidationPipe and the service answer it. render and screenshot only apply to a fetch.
 */
function hotQuery(query: Record<string, unknown>): HotQuery | undefined {
  const { url, lang, wait = '0', maxAge, force = 'false', render = 'auto', screenshot = 'false', ...rest } = query;
  if (Object.keys(rest).length > 0) return undefined;
  if (typeof url !== 'string' || url === '' || (lang !== undefined && (typeof lang !== 'string' || lang === '')) || force !== 'false') return undefined;
  if (typeof wait !== 'string' || !DIGITS.test(wait) || Number(wait) > MAX_WAIT_MS) return undefined;
  if (maxAge !== undefined && (typeof maxAge !== 'string' || !DIGITS.test(maxAge) || Number(maxAge) > MAX_MAX_AGE_SECONDS)) return undefined;
  if (!(RENDER_MODES as readonly unknown[]).includes(render) || (screenshot !== 'true' && screenshot !== 'false')) return undefined;
  return { url, lang, wait: Number(wait), maxAge: maxAge === undefined ? undefined : Number(maxAge) };
}

/**
 * Answers `GET /v1/previews` from the hot cache before Nest's router, guards, pipes and
 * serialisation (a Fastify preHandler: load shedding, CORS and the request log have run). A held
 * preview is served only when the full path would serve it as it is (previewRequestAction says
 * `serve`), after the same key check and rate limit as the guards, with the headers the controller
 * sets (Unfurl-Cache: HIT, Age and Cache-Control counted now, ETag and 304). Otherwise the request
 * goes on as if the hook were not there. Nothing is remembered here: the controller fills the cache.
 */
export function installHotReads(app: NestFastifyApplication): void {
  const hot = app.get(HotCache);
  if (!hot.enabled) return;
  const previews = app.get(PreviewsService);
  const keys = app.get(ApiKeyService);
  const limiter = app.get(RateLimiterService);
  const config = app.get<ConfigService<Environment, true>>(ConfigService);
  const maxAgeCap = config.get('CACHE_MAX_AGE_SECONDS', { infer: true });
  const forceMinIntervalSeconds = config.get('FORCE_MIN_INTERVAL_SECONDS', { infer: true });
  const waitMaxMs = config.get('WAIT_MAX_MS', { infer: true });

  // Normalising the URL and hashing it was a tenth of a hit's CPU; the id depends on nothing else.
  // Only URLs answered from here are remembered, so a stream of new URLs (cold requests, anyone
  // without a key) cannot fill the memo.
  const ids = new Map<string, string>();
  const askedOf = ({ url, lang }: HotQuery) => `${url.length}:${url}${lang ?? ''}`; // the length makes it unambiguous
  const idOf = (query: HotQuery): string | undefined => {
    const id = ids.get(askedOf(query));
    if (id !== undefined) return id;
    try {
      return previews.idOf(query.url, query.lang);
    } catch {
      return undefined;
    }
  };
  const rememberId = (query: HotQuery, id: string): void => {
    const asked = askedOf(query);
    if (ids.has(asked)) return;
    if (ids.size >= MAX_IDS) ids.delete(ids.keys().next().value as string);
    ids.set(asked, id);
  };

  /** The held preview this request may be answered with, or undefined. */
  const servable = (request: FastifyRequest): HotPreview | undefined => {
    const query = hotQuery(request.query as Record<string, unknown>);
    const id = query && idOf(query);
    if (!query || id === undefined) return undefined;
    const now = Date.now();
    const entry = hot.find(id, now);
    const waits = Math.min(query.wait, waitMaxMs) > 0;
    const served = entry !== undefined && previewRequestAction(entry, now, { maxAgeSeconds: query.maxAge, waits, forceMinIntervalSeconds }).action === 'serve';
    hot.count(served);
    if (!served) return undefined;
    rememberId(query, id);
    return entry;
  };

  /** The guards' work (ApiKeyService.caller, RateLimiterService.check), then the answer. */
  const answer = async (request: FastifyRequest & RequestWithPrincipal, reply: FastifyReply, entry: HotPreview): Promise<void> => {
    const principal = await keys.caller(request.headers.authorization);
    request[PRINCIPAL] = principal;
    const { headers, refusal } = await limiter.check(principal, request.ip);
    void reply.headers(headers);
    if (refusal) throw refusal;
    const now = Date.now();
    void reply.headers(answerHeaders(entry, PreviewCacheStatus.Hit, now)).headers(readHeaders(entry, entry.etag, maxAgeCap, now));
    if (etagMatches(request.headers['if-none-match'], entry.etag)) void reply.status(304).send();
    else void reply.status(200).header('Content-Type', 'application/json; charset=utf-8').send(entry.body);
  };

  app.getHttpAdapter().getInstance().addHook('preHandler', (request, reply, done) => {
    if (request.method !== 'GET' || request.routeOptions.url !== ROUTE) return done();
    const entry = servable(request);
    if (!entry) return done();
    answer(request, reply, entry).catch((error: unknown) => {
      // A refused key is answered as the guard would; anything else (the key lookup's database is
      // away) before the rate limit counted: the full path meets it again and answers it.
      if (error instanceof ProblemException) void sendProblem(reply, error.problem, error.headers);
      else done();
    });
  });
}
