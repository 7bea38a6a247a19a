import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ConfigService, type Environment } from '@unfurl/config';
import { PreviewStatus } from '@unfurl/contracts';
import type { PreviewEntity } from '@unfurl/database';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PreviewDto } from './dto/preview.dto';
import { PreviewRequestDto } from './dto/preview-request.dto';
import { PreviewCallbacksService } from '../webhooks/preview-callbacks.service';
import { etagMatches, previewCacheControl, previewEtag } from './preview-http-cache';
import { toPreviewDto } from './preview.mapper';
import { PreviewsService } from './previews.service';

@ApiTags('previews')
@ApiProduces('application/json', 'application/problem+json')
@Controller('v1/previews')
export class PreviewsController {
  constructor(
    private readonly previews: PreviewsService,
    private readonly config: ConfigService<Environment, true>,
    private readonly callbacks: PreviewCallbacksService,
  ) {}

  /** Get the preview of a URL, creating it if needed. */
  @Get()
  @ApiOperation({ operationId: 'getPreview' })
  @ApiOkResponse({ type: PreviewDto, description: 'The preview is ready or failed.' })
  @ApiAcceptedResponse({ type: PreviewDto, description: 'The preview is pending: poll the Location, after Retry-After seconds.' })
  async get(@Query() query: PreviewRequestDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<PreviewDto | undefined> {
    return this.reply(await this.requestPreview(query, request), reply, request);
  }

  /** Create (or get) the preview of a URL. */
  @Post()
  @ApiOperation({ operationId: 'createPreview' })
  @ApiOkResponse({ type: PreviewDto, description: 'The preview is ready or failed.' })
  @ApiAcceptedResponse({ type: PreviewDto, description: 'The preview is pending: poll the Location, after Retry-After seconds.' })
  async create(@Body() body: PreviewRequestDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<PreviewDto | undefined> {
    return this.reply(await this.requestPreview(body, request), reply);
  }

  /** The current state of a preview. */
  @Get(':id')
  @ApiOperation({ operationId: 'getPreviewById' })
  @ApiOkResponse({ type: PreviewDto })
  async findOne(@Param('id') id: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<PreviewDto | undefined> {
    return this.reply(await this.previews.findById(id), reply, request);
  }

  /** The one path of GET and POST: the callback URL is refused before any work, and registered once the row exists. */
  private async requestPreview(input: PreviewRequestDto, request: FastifyRequest): Promise<PreviewEntity> {
    const callbackUrl = this.callbacks.check(input.callbackUrl);
    const row = await this.previews.request(input.url, input.wait, request.id);
    await this.callbacks.register(row, callbackUrl);
    return row;
  }

  /** Reads (GET) carry an ETag and Cache-Control, and answer 304 when the client has this version. */
  private reply(row: PreviewEntity, reply: FastifyReply, read?: FastifyRequest): PreviewDto | undefined {
    if (read) {
      const etag = previewEtag(row);
      void reply.header('ETag', etag).header('Cache-Control', previewCacheControl(row, this.config.get('CACHE_MAX_AGE_SECONDS', { infer: true })));
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
