export * from './config.module';
export * from './environment';
export * from './validate-environment';
export { ConfigService } from '@nestjs/config';
export * from './logger.module';
export * from './event-loop-delay';
export * from './site-rules';
export * from './probe-listener';
export * from './processor-app';
