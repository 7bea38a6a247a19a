export { JobQueue, type JobEnd, type JobHandler, type JobRun, type JobState } from './job-queue';
export { JobDeferredError } from './job-deferred.error';
export { QueueBoardModule } from './queue-board';
export { PreviewChanges, type PreviewChangeListener } from './preview-changes';
export { QueueModule } from './queue.module';
export { QueueUnavailableError } from './queue-unavailable.error';
