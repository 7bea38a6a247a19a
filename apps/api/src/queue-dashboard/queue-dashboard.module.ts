import { FastifyAdapter } from '@bull-board/fastify';
import { BullBoardModule, type BullBoardModuleOptions } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import { QueueBoardModule, QueueModule } from '@unfurl/queue';
import { AuthModule } from '../auth/auth.module';
import { QUEUE_DASHBOARD_ROUTE, QueueDashboardAuth } from './queue-dashboard-auth';

// @bull-board/fastify 9.10.1 (its latest) pins its own @bull-board/api 9.10.1, whose classes differ
// nominally from the 9.10.2 that @bull-board/nestjs needs; same shape at run time (the e2e spec shows it).
const fastifyAdapter = FastifyAdapter as unknown as BullBoardModuleOptions['adapter'];

/** bull-board at /admin/queues, for admin keys only: waiting, active, failed jobs; retry and clean. */
@Module({
  imports: [
    AuthModule,
    QueueModule,
    BullBoardModule.forRoot({ route: QUEUE_DASHBOARD_ROUTE, adapter: fastifyAdapter, boardOptions: { uiConfig: { boardTitle: 'Unfurl' } } }),
    QueueBoardModule,
  ],
  providers: [QueueDashboardAuth],
})
export class QueueDashboardModule {}
