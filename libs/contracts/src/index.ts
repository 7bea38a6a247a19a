export * from './preview-metadata';
export * from './preview-status';
export * from './preview-error-code';
export * from './queues';
export * from './preview-url';
export * from './preview-resource';
export * from './render-mode';
export * from './preview-lang';
