import { Module } from '@nestjs/common';
import { DatabaseModule } from '@unfurl/database';
import { AdminGuard } from './admin.guard';
import { ApiKeyService } from './api-key.service';

/** API keys: verification (cached), the admin guard, the global key guard and rate limits. */
@Module({
  imports: [DatabaseModule],
  providers: [ApiKeyService, AdminGuard],
  exports: [ApiKeyService, AdminGuard],
})
export class AuthModule {}
