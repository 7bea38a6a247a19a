import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { validateEnvironment } from './validate-environment';

/**
 * Global, validated configuration: inject `ConfigService<Environment, true>`. The environment is
 * read when the app is created (not when this file is imported), so tests and the OpenAPI
 * generator can set or skip it first.
 */
@Global()
@Module({
  providers: [{ provide: ConfigService, useFactory: () => new ConfigService(validateEnvironment(process.env)) }],
  exports: [ConfigService],
})
export class UnfurlConfigModule {}
