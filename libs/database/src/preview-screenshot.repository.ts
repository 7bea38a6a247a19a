import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { PreviewScreenshotEntity } from './preview-screenshot.entity';

export type PreviewScreenshot = Omit<PreviewScreenshotEntity, 'preview' | 'updatedAt'>;

@Injectable()
export class PreviewScreenshotRepository {
  constructor(@InjectRepository(PreviewScreenshotEntity) private readonly screenshots: Repository<PreviewScreenshotEntity>) {}

  /** Stores the preview's screenshot, replacing the one of an earlier render. */
  async save(screenshot: PreviewScreenshot): Promise<void> {
    await this.screenshots.upsert({ ...screenshot, updatedAt: () => 'now()' }, ['previewId']);
  }

  findByPreviewId(previewId: string): Promise<PreviewScreenshotEntity | null> {
    return this.screenshots.findOneBy({ previewId });
  }
}
