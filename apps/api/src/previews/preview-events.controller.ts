import { Controller, Param, Sse, type MessageEvent } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiOptionalKey } from '../auth/api-key-docs.decorator';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ProblemCode } from '../problems/problem';
import type { Observable } from 'rxjs';
import { PreviewEventsService } from './preview-events.service';

@ApiTags('previews')
@Controller('v1/previews')
export class PreviewEventsController {
  constructor(private readonly events: PreviewEventsService) {}

  /**
   * Follow a preview as Server-Sent Events: a `status` event with the preview now and on each
   * change, ending with the ready or failed one, after which the server closes the stream (close
   * your EventSource then, or it reconnects). Comment lines are sent as heartbeats. A stream that
   * cannot go on (the preview was purged, the database went away) ends with a `problem` event
   * instead, its data a problem object as the error answers carry.
   */
  @Sse(':id/events')
  @ApiOperation({ operationId: 'getPreviewEvents' })
  @ApiOptionalKey()
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: '`event: status` with `data:` a Preview as JSON, until it is ready or failed; or, last, `event: problem` with a problem object.' })
  @ApiProblems(ProblemCode.PreviewNotFound)
  stream(@Param('id') id: string): Promise<Observable<MessageEvent>> {
    return this.events.events(id);
  }
}
