import { HttpModule } from '@nestjs/axios';
import { Module } from '@nestjs/common';
import { FetchPolicyModule } from './fetch-policy.module';
import { FetcherService } from './fetcher.service';

/** FetcherService, with the FetchPolicy of the configuration. */
@Module({
  // A private axios instance: interceptors or defaults set on the global one elsewhere never apply here.
  imports: [HttpModule.register({}), FetchPolicyModule],
  providers: [FetcherService],
  exports: [FetcherService, FetchPolicyModule],
})
export class FetcherModule {}
