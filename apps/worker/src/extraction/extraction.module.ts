import { Module } from '@nestjs/common';
import { ExtractionPool } from './extraction-pool';

/** The thread pool that parses pages off the main thread. */
@Module({
  providers: [ExtractionPool],
  exports: [ExtractionPool],
})
export class ExtractionModule {}
