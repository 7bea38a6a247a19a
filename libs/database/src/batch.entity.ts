import { CreateDateColumn, Entity, OneToMany, PrimaryColumn } from 'typeorm';
import { BatchItemEntity } from './batch-item.entity';

/** A batch request: which previews one call asked for, kept so its progress can be read back. */
@Entity({ name: 'batches' })
export class BatchEntity {
  /** UUID made by the API, so the Location can be answered without a round trip. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @OneToMany(() => BatchItemEntity, (item) => item.batch)
  items: BatchItemEntity[];
}
