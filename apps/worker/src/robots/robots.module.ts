import { Module } from '@nestjs/common';
import { FetcherModule } from '@unfurl/fetcher';
import { RobotsService } from './robots.service';

/** robots.txt checks before page fetches (RESPECT_ROBOTS_TXT). */
@Module({
  imports: [FetcherModule],
  providers: [RobotsService],
  exports: [RobotsService],
})
export class RobotsModule {}
