import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DatabaseModule } from '@unfurl/database';
import { AdminGuard } from './admin.guard';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeyService } from './api-key.service';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimiterService } from './rate-limiter.service';

/**
 * API keys: the global key guard then the global rate limit (guards run in this order), and the
 * AdminGuard that admin surfaces apply themselves.
 */
@Module({
  imports: [DatabaseModule],
  providers: [ApiKeyService, AdminGuard, RateLimiterService, { provide: APP_GUARD, useClass: ApiKeyGuard }, { provide: APP_GUARD, useClass: RateLimitGuard }],
  exports: [ApiKeyService, AdminGuard, RateLimiterService],
})
export class AuthModule {}
