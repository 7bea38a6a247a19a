import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ConfigService, type Environment } from '@unfurl/config';
import { isPreviewId } from '@unfurl/contracts';
import { PreviewScreenshotRepository } from '@unfurl/database';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemCode } from '../problems/problem';
import { ProblemException } from '../problems/problem.exception';
import { ApiOptionalKey } from '../auth/api-key-docs.decorator';
import { ApiProblems } from '../problems/api-problems.decorator';
import { etagMatches } from './preview-http-cache';

const IMAGE_HEADERS = {
  ETag: { description: 'A hash of the image; send it back in If-None-Match for a 304.', schema: { type: 'string' } },
  'Cache-Control': { description: 'public, max-age=CACHE_MAX_AGE_SECONDS; revalidate with the ETag.', schema: { type: 'string' } },
};

@ApiTags('previews')
@Controller('v1/previews')
export class PreviewScreenshotController {
  constructor(
    private readonly screenshots: PreviewScreenshotRepository,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** The viewport screenshot of a rendered preview, taken when it was asked for with `screenshot=true`. */
  @Get(':id/screenshot')
  @ApiOperation({ operationId: 'getPreviewScreenshot' })
  @ApiOptionalKey()
  @ApiProduces('image/webp', 'image/jpeg')
  @ApiOkResponse({ description: 'The image (WebP or JPEG, at most 1200x630).', schema: { type: 'string', format: 'binary' }, headers: IMAGE_HEADERS })
  @ApiProblems(ProblemCode.ScreenshotNotFound)
  async get(@Param('id') id: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer | undefined> {
    const screenshot = isPreviewId(id) ? await this.screenshots.findByPreviewId(id) : null;
    if (!screenshot) throw new ProblemException(ProblemCode.ScreenshotNotFound, `preview ${id} has no screenshot`);
    // Replaced when the page is rendered again: cached like a preview, revalidated by its ETag.
    void reply.header('ETag', screenshot.etag).header('Cache-Control', `public, max-age=${this.config.get('CACHE_MAX_AGE_SECONDS', { infer: true })}`);
    if (etagMatches(request.headers['if-none-match'], screenshot.etag)) {
      void reply.status(304);
      return undefined;
    }
    void reply.type(screenshot.contentType);
    return screenshot.data;
  }
}
