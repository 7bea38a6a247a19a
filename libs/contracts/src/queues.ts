/**
 * Queue and job names. Their values are persisted in Redis (as key prefixes and job names)
 * and shared by every deployed API and worker version: never change them, only add.
 */
export enum QueueName {
  Previews = 'previews',
  Webhooks = 'webhooks',
}

export enum PreviewJobName {
  Unfurl = 'unfurl',
}

export interface UnfurlJobData {
  /** Preview id: sha256 of the normalised URL, also the Bull job id so duplicate requests coalesce. */
  id: string;
  url: string;
  /**
   * Normalised BCP 47 tag the page is asked for in (sent as Accept-Language); part of the preview's
   * identity. How a page is fetched is decided by the worker from this job (url, lang), so per-host
   * fetch settings need nothing more from the API.
   */
  lang?: string;
  /** Request id of the API request that queued the job, carried into the worker's logs. */
  requestId?: string;
}

/** What the worker's job resolves to; the preview row itself is the truth, this only wakes waiters. */
export interface UnfurlJobResult {
  id: string;
  status: 'ready' | 'failed';
}

export enum WebhookJobName {
  Deliver = 'deliver',
}

export interface WebhookJobData {
  /** Id of the preview_callbacks row (also the Bull job id, so one callback is queued once at a time). */
  callbackId: string;
}

/** The jobs each queue carries. */
export interface QueueJobs {
  [QueueName.Previews]: PreviewJobName;
  [QueueName.Webhooks]: WebhookJobName;
}

export type JobName = QueueJobs[QueueName];

/** Every job by name: what a producer passes, and what its consumer gets and resolves to. */
export interface JobDataByName {
  [PreviewJobName.Unfurl]: UnfurlJobData;
  [WebhookJobName.Deliver]: WebhookJobData;
}

export interface JobResultByName {
  [PreviewJobName.Unfurl]: UnfurlJobResult;
  [WebhookJobName.Deliver]: void;
}

/** A job as producers queue it: a name and its typed data. */
export interface QueueJob<N extends JobName> {
  name: N;
  data: JobDataByName[N];
}
