import { Module } from '@nestjs/common';
import { ConfigService, type Environment } from '@unfurl/config';
import { FETCH_POLICY, fetchPolicy } from './fetch-policy';

/** Provides the one FetchPolicy, assembled from the configuration; apps that only check URLs import just this. */
@Module({
  providers: [
    {
      provide: FETCH_POLICY,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => fetchPolicy((key) => config.get(key, { infer: true })),
    },
  ],
  exports: [FETCH_POLICY],
})
export class FetchPolicyModule {}
