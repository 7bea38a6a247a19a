import { Module } from '@nestjs/common';
import { DatabaseModule } from '@unfurl/database';
import { PreviewsModule } from '../previews/previews.module';
import { BatchRepository } from './batch.repository';
import { BatchesController } from './batches.controller';
import { BatchesService } from './batches.service';

@Module({
  imports: [DatabaseModule, PreviewsModule],
  controllers: [BatchesController],
  providers: [BatchesService, BatchRepository],
})
export class BatchesModule {}
