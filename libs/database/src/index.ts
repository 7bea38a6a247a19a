export * from './data-source-options';
export * from './database.module';
export * from './preview.entity';
export * from './preview.repository';
export * from './migrations';
