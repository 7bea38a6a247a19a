import { Controller, Get, Logger } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator, type HealthIndicatorResult } from '@nestjs/terminus';
import { JobQueue } from '@unfurl/queue';
import { Public } from '../auth/public.decorator';

@ApiExcludeController()
@Public()
@Controller('health')
export class HealthController {
  private readonly logger = new Logger(HealthController.name);

  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly jobs: JobQueue,
  ) {}

  /** The process is up; says nothing about its dependencies. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** PostgreSQL and Redis answer: the instance can take traffic. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.upOrDown('database', this.database.pingCheck('database', { timeout: 1_000 })),
      () => this.upOrDown('redis', this.jobs.ping()),
    ]);
  }

  /**
   * `up` or `down` and nothing more: why a check failed (a driver's message naming an address, a
   * Redis error) goes to the log, never into this public answer.
   */
  private async upOrDown(key: string, check: PromiseLike<HealthIndicatorResult | void>): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      // Terminus' own checks answer `down` with the driver's message rather than throwing.
      const result = (await check)?.[key];
      if (result && result.status !== 'up') throw new Error(typeof result.message === 'string' ? result.message : 'down');
      return indicator.up();
    } catch (error) {
      this.logger.warn(`${key} not ready: ${error instanceof Error ? error.message : String(error)}`);
      return indicator.down();
    }
  }
}
