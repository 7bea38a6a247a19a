import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, type ApiResponseOptions } from '@nestjs/swagger';
import { ConfigService, type Environment } from '@unfurl/config';
import { PreviewStatus } from '@unfurl/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AdminGuard } from '../auth/admin.guard';
import { ApiAdminKey, ApiOptionalKey } from '../auth/api-key-docs.decorator';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ProblemCode } from '../problems/problem';
import { PreviewDto } from './dto/preview.dto';
import { PreviewPurgeDto } from './dto/preview-purge.dto';
import { PreviewRequestDto } from './dto/preview-request.dto';
import { PreviewCallbacksService } from '../webhooks/preview-callbacks.service';
import { HotCache } from '../hot-cache/hot-cache';
import { PreviewCacheStatus, storedCacheStatus } from './preview-cache-status';
import { answerHeaders, etagMatches, previewEtag, readHeaders } from './preview-http-cache';
import { toPreviewDto } from './preview.mapper';
import { PreviewsService, type PreviewAnswer } from './previews.service';

/** Headers of every preview answer, as the OpenAPI document states them. */
const ANSWER_HEADERS: ApiResponseOptions['headers'] = {
  'Unfurl-Cache': {
    description:
      'How the answer relates to the cache: HIT (stored, current), STALE (stored, expired or older than maxAge or forced; a refresh runs), ' +
      'MISS (nothing usable stored; fetched for this request or being fetched), REFRESH (older than maxAge, fetched again before answering), ' +
      'BYPASS (force=true, fetched again before answering).',
    schema: { type: 'string', enum: Object.values(PreviewCacheStatus) },
  },
  Age: { description: 'Seconds since the page was fetched (0 while it has not been).', schema: { type: 'integer', minimum: 0 } },
  'Unfurl-Force': {
    description: 'Present as `refused` when force=true was not honoured: the preview was fetched less than FORCE_MIN_INTERVAL_SECONDS ago and is served as it is.',
    schema: { type: 'string', enum: ['refused'] },
  },
};
const PENDING_HEADERS: ApiResponseOptions['headers'] = {
  ...ANSWER_HEADERS,
  Location: { description: 'Where to poll the preview.', schema: { type: 'string' } },
  'Retry-After': { description: 'Seconds to wait before polling.', schema: { type: 'integer' } },
};
const READ_HEADERS: ApiResponseOptions['headers'] = {
  ...ANSWER_HEADERS,
  ETag: { description: 'Changes with the preview; send it back in If-None-Match for a 304.', schema: { type: 'string' } },
  'Cache-Control': { description: 'no-store while pending; public, max-age until it expires (capped by CACHE_MAX_AGE_SECONDS).', schema: { type: 'string' } },
};
const REQUEST_PROBLEMS = [
  ProblemCode.InvalidUrl,
  ProblemCode.UrlSchemeNotAllowed,
  ProblemCode.UrlTooLong,
  ProblemCode.UrlCredentialsNotAllowed,
  ProblemCode.ValidationFailed,
  ProblemCode.WebhooksDisabled,
  ProblemCode.CallbackUrlNotAllowed,
  ProblemCode.SiteDenied,
  // The preview was purged while this request was answering it (or recording its callback).
  ProblemCode.PreviewNotFound,
  ProblemCode.QueueUnavailable,
];

@ApiTags('previews')
@Controller('v1/previews')
export class PreviewsController {
  constructor(
    private readonly previews: PreviewsService,
    private readonly config: ConfigService<Environment, true>,
    private readonly callbacks: PreviewCallbacksService,
    private readonly hot: HotCache,
  ) {}

  /** Get the preview of a URL, creating it if needed. */
  @Get()
  @ApiOperation({ operationId: 'getPreview' })
  @ApiOptionalKey()
  @ApiOkResponse({ type: PreviewDto, description: 'The preview is ready or failed.', headers: READ_HEADERS })
  @ApiAcceptedResponse({ type: PreviewDto, description: 'The preview is pending: poll the Location, after Retry-After seconds.', headers: PENDING_HEADERS })
  @ApiProblems(...REQUEST_PROBLEMS, ProblemCode.UriTooLong)
  async get(@Query() query: PreviewRequestDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<PreviewDto | undefined> {
    // Taken before the row is read: a change heard meanwhile keeps this read out of the hot cache.
    const ticket = this.hot.ticket();
    const answer = await this.requestPreview(query, request);
    if (answer.cache === PreviewCacheStatus.Hit) this.hot.remember(ticket, answer.row);
    return this.reply(answer, reply, request);
  }

  /** Create (or get) the preview of a URL. */
  @Post()
  @ApiOperation({ operationId: 'createPreview' })
  @ApiOptionalKey()
  @ApiOkResponse({ type: PreviewDto, description: 'The preview is ready or failed.', headers: ANSWER_HEADERS })
  @ApiAcceptedResponse({ type: PreviewDto, description: 'The preview is pending: poll the Location, after Retry-After seconds.', headers: PENDING_HEADERS })
  @ApiProblems(...REQUEST_PROBLEMS, ProblemCode.MalformedRequest, ProblemCode.PayloadTooLarge, ProblemCode.UnsupportedMediaType)
  async create(@Body() body: PreviewRequestDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<PreviewDto | undefined> {
    return this.reply(await this.requestPreview(body, request), reply);
  }

  /** Remove the preview of a URL (in a language, if given) and its pending callbacks; the next request fetches it anew. */
  @Delete()
  @HttpCode(204)
  @UseGuards(AdminGuard)
  @ApiOperation({ operationId: 'purgePreviewByUrl' })
  @ApiAdminKey()
  @ApiNoContentResponse({ description: 'The preview is gone.' })
  @ApiProblems(ProblemCode.InvalidUrl, ProblemCode.UrlSchemeNotAllowed, ProblemCode.UrlTooLong, ProblemCode.UrlCredentialsNotAllowed, ProblemCode.ValidationFailed, ProblemCode.Forbidden, ProblemCode.PreviewNotFound)
  async purgeByUrl(@Query() query: PreviewPurgeDto): Promise<void> {
    await this.previews.purge(this.previews.idOf(query.url, query.lang));
  }

  /** The current state of a preview. */
  @Get(':id')
  @ApiOperation({ operationId: 'getPreviewById' })
  @ApiOptionalKey()
  @ApiOkResponse({ type: PreviewDto, description: 'The preview is ready or failed.', headers: READ_HEADERS })
  @ApiAcceptedResponse({ type: PreviewDto, description: 'The preview is pending: poll again after Retry-After seconds.', headers: PENDING_HEADERS })
  @ApiProblems(ProblemCode.PreviewNotFound)
  async findOne(@Param('id') id: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<PreviewDto | undefined> {
    const row = await this.previews.findById(id);
    return this.reply({ row, cache: storedCacheStatus(row, Date.now()), forceRefused: false }, reply, request);
  }

  /** Remove a preview and its pending callbacks; the next request for its URL fetches it anew. */
  @Delete(':id')
  @HttpCode(204)
  @UseGuards(AdminGuard)
  @ApiOperation({ operationId: 'purgePreview' })
  @ApiAdminKey()
  @ApiNoContentResponse({ description: 'The preview is gone.' })
  @ApiProblems(ProblemCode.Forbidden, ProblemCode.PreviewNotFound)
  async purge(@Param('id') id: string): Promise<void> {
    await this.previews.purge(id);
  }

  /** The one path of GET and POST: the callback URL is refused before any work, and registered once the row exists. */
  private async requestPreview(input: PreviewRequestDto, request: FastifyRequest): Promise<PreviewAnswer> {
    const callbackUrl = this.callbacks.check(input.callbackUrl);
    const answer = await this.previews.request(input.url, input, request.id);
    await this.callbacks.register(answer.row, callbackUrl);
    return answer;
  }

  /**
   * Every answer carries Unfurl-Cache and Age; reads (GET) also an ETag and Cache-Control, and 304
   * when the client has this version.
   */
  private reply({ row, cache, forceRefused }: PreviewAnswer, reply: FastifyReply, read?: FastifyRequest): PreviewDto | undefined {
    const now = Date.now();
    void reply.headers(answerHeaders(row, cache, now));
    if (forceRefused) void reply.header('Unfurl-Force', 'refused');
    if (read) {
      const etag = previewEtag(row);
      void reply.headers(readHeaders(row, etag, this.config.get('CACHE_MAX_AGE_SECONDS', { infer: true }), now));
      if (etagMatches(read.headers['if-none-match'], etag)) {
        void reply.status(304);
        return undefined;
      }
    }
    if (row.status === PreviewStatus.Pending) {
      void reply
        .status(202)
        .header('Location', `/v1/previews/${row.id}`)
        .header('Retry-After', String(this.config.get('RETRY_AFTER_SECONDS', { infer: true })));
    } else {
      void reply.status(200);
    }
    return toPreviewDto(row);
  }
}
