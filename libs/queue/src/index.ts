export * from './job-options';
export * from './preview.queue';
export * from './queue.module';
export * from './webhook.queue';
