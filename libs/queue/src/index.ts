export * from './job-options';
export * from './preview.queue';
export * from './queue.module';
