import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { FetcherOptions } from './fetcher-options';

export const {
  ConfigurableModuleClass: FetcherConfigurableModule,
  MODULE_OPTIONS_TOKEN: FETCHER_OPTIONS,
  OPTIONS_TYPE: FETCHER_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: FETCHER_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<FetcherOptions>().setClassMethodName('register').build();
