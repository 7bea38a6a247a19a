import { BullAdapter } from '@bull-board/api/bullAdapter';
import { BullBoardModule } from '@bull-board/nestjs';
import { QueueName } from '@unfurl/contracts';

/**
 * Every queue on the bull-board dashboard. Its adapter is the part of bull-board that knows Bull,
 * so it lives here; the app mounts the board (route, server adapter, auth) with BullBoardModule.forRoot.
 */
export const QueueBoardModule = BullBoardModule.forFeature(...Object.values(QueueName).map((name) => ({ name, adapter: BullAdapter })));
