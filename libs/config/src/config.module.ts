import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from './environment';
import { loadSiteRules, SiteRules } from './site-rules';
import { validateEnvironment } from './validate-environment';

/**
 * Global, validated configuration: inject `ConfigService<Environment, true>`, and `SiteRules`
 * (the default rules plus the SITE_RULES file, read and checked once at start). The environment is
 * read when the app is created (not when this file is imported), so tests and the OpenAPI
 * generator can set or skip it first.
 */
@Global()
@Module({
  providers: [
    { provide: ConfigService, useFactory: () => new ConfigService(validateEnvironment(process.env)) },
    { provide: SiteRules, inject: [ConfigService], useFactory: (config: ConfigService<Environment, true>) => loadSiteRules(config.get('SITE_RULES', { infer: true })) },
  ],
  exports: [ConfigService, SiteRules],
})
export class UnfurlConfigModule {}
