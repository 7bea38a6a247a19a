import { HttpModule } from '@nestjs/axios';
import { Module } from '@nestjs/common';
import { FetcherConfigurableModule } from './fetcher.module-definition';
import { FetcherService } from './fetcher.service';

/**
 * `FetcherModule.register({ allowPrivateAddresses: false, ... })` or
 * `FetcherModule.registerAsync({ imports, inject, useFactory })`; provides FetcherService.
 */
@Module({
  // A private axios instance: interceptors or defaults set on the global one elsewhere never apply here.
  imports: [HttpModule.register({})],
  providers: [FetcherService],
  exports: [FetcherService],
})
export class FetcherModule extends FetcherConfigurableModule {}
