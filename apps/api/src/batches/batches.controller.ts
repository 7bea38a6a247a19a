import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiOptionalKey } from '../auth/api-key-docs.decorator';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ProblemCode } from '../problems/problem';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BatchesService } from './batches.service';
import { BatchDto } from './dto/batch.dto';
import { CreateBatchDto } from './dto/create-batch.dto';

@ApiTags('batches')
@Controller('v1/batches')
export class BatchesController {
  constructor(private readonly batches: BatchesService) {}

  /** Ask for the previews of many URLs at once; follow the batch's progress at its Location. */
  @Post()
  @HttpCode(202)
  @ApiOperation({ operationId: 'createBatch' })
  @ApiOptionalKey()
  @ApiProblems(ProblemCode.ValidationFailed, ProblemCode.BatchTooLarge, ProblemCode.InvalidBatch, ProblemCode.MalformedRequest, ProblemCode.PayloadTooLarge, ProblemCode.UnsupportedMediaType, ProblemCode.QueueUnavailable)
  @ApiAcceptedResponse({ type: BatchDto, description: 'Every URL has a preview (pending, or already ready or failed); poll the Location for progress.' })
  async create(@Body() body: CreateBatchDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<BatchDto> {
    const batch = await this.batches.create(body.urls, body.lang, request.id);
    void reply.header('Location', `/v1/batches/${batch.id}`);
    return batch;
  }

  /** A batch's progress and each of its previews. */
  @Get(':id')
  @ApiOperation({ operationId: 'getBatch' })
  @ApiOptionalKey()
  @ApiProblems(ProblemCode.BatchNotFound)
  @ApiOkResponse({ type: BatchDto })
  findOne(@Param('id') id: string): Promise<BatchDto> {
    return this.batches.findById(id);
  }
}
