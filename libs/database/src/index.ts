export * from './data-source-options';
export * from './database.module';
export * from './preview.entity';
export * from './preview.repository';
export * from './migrations';
export * from './api-key.entity';
export * from './api-key.repository';
export * from './api-key-secret';
