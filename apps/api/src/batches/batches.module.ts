import { Module } from '@nestjs/common';
import { DatabaseModule } from '@unfurl/database';
import { PreviewsModule } from '../previews/previews.module';
import { BatchesController } from './batches.controller';
import { BatchesService } from './batches.service';

@Module({
  imports: [DatabaseModule, PreviewsModule],
  controllers: [BatchesController],
  providers: [BatchesService],
})
export class BatchesModule {}
