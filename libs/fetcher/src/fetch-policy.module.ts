import { Module } from '@nestjs/common';
import { ConfigService, SiteRules, type Environment } from '@unfurl/config';
import { FETCH_POLICY, fetchPolicy } from './fetch-policy';

/** Provides the one FetchPolicy, assembled from the configuration and the site rules; apps that only check URLs import just this. */
@Module({
  providers: [
    {
      provide: FETCH_POLICY,
      inject: [ConfigService, SiteRules],
      useFactory: (config: ConfigService<Environment, true>, rules: SiteRules) => fetchPolicy((key) => config.get(key, { infer: true }), rules),
    },
  ],
  exports: [FETCH_POLICY],
})
export class FetchPolicyModule {}
