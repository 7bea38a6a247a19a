import type { PreviewMetadata } from './preview-metadata';
import type { RenderMode } from './render-mode';

/**
 * Queue and job names. Their values are persisted in Redis (as key prefixes and job names)
 * and shared by every deployed API and worker version: never change them, only add.
 */
export enum QueueName {
  Previews = 'previews',
  Webhooks = 'webhooks',
  /** Pages that need JavaScript, consumed by apps/renderer. */
  Render = 'render',
}

export enum PreviewJobName {
  Unfurl = 'unfurl',
  /** The renderer's answer for a preview: its rendered DOM (or why there is none) to extract and store. */
  Rendered = 'rendered',
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
  /** Whether to read the page in the headless renderer; absent: the site rule's, else `auto`. */
  render?: RenderMode;
  /** Render the page and keep a viewport screenshot of it. */
  screenshot?: boolean;
}

/** What the worker's job resolves to; the preview row itself is the truth, this only wakes waiters. */
export interface UnfurlJobResult {
  id: string;
  /** `rendering`: the page went on to the renderer; a `rendered` job will settle the row. */
  status: 'ready' | 'failed' | 'rendering';
  /** False: the row has no callbacks to queue. Missing (a worker from before it was said) counts as true. */
  callbacks?: boolean;
  /**
   * False: no API process can hold a copy to drop: the row was settled for the first time, or not
   * written at all (`rendering`). Missing counts as true.
   */
  announce?: boolean;
}

export enum RenderJobName {
  Render = 'render',
}

export interface RenderJobData {
  /** Preview id, also the job id: one render per preview at a time. */
  id: string;
  url: string;
  /** The preview's language (UnfurlJobData.lang): the browser asks for it as the static fetch did. */
  lang?: string;
  screenshot?: boolean;
  requestId?: string;
  /** The static read of the page, handed back unchanged with the result: stored when rendering fails. */
  fallback: PreviewMetadata;
}

/** A screenshot as it travels from the renderer to the worker (base64, at most 1200x630). */
export interface ScreenshotData {
  contentType: 'image/jpeg' | 'image/webp';
  width: number;
  height: number;
  base64: string;
}

/** What the renderer made of a page: its DOM, or a stable error code and a message. */
export type RenderOutcome =
  | { ok: true; finalUrl: string; html: string; settled: boolean; screenshot: ScreenshotData | null }
  | { ok: false; code: string; message: string };

export interface RenderedJobData {
  id: string;
  url: string;
  requestId?: string;
  fallback: PreviewMetadata;
  outcome: RenderOutcome;
}

export enum WebhookJobName {
  Deliver = 'deliver',
}

export interface WebhookJobData {
  /** Id of the preview_callbacks row (also the Bull job id, so one callback is queued once at a time). */
  callbackId: string;
}

/**
 * The Bull job id of a previews-queue job: the preview id for `unfurl` (so duplicate requests
 * coalesce), the preview id and a suffix for `rendered`, so it never coalesces with an unfurl job.
 */
export function previewJobId(name: PreviewJobName, previewId: string): string {
  return name === PreviewJobName.Unfurl ? previewId : `${previewId}:${name}`;
}

/** The preview a previews-queue job id belongs to (see previewJobId). */
export function previewIdOfJob(jobId: string): string {
  return jobId.split(':', 1)[0];
}

/** The jobs each queue carries. */
export interface QueueJobs {
  [QueueName.Previews]: PreviewJobName;
  [QueueName.Webhooks]: WebhookJobName;
  [QueueName.Render]: RenderJobName;
}

export type JobName = QueueJobs[QueueName];

/** Every job by name: what a producer passes, and what its consumer gets and resolves to. */
export interface JobDataByName {
  [PreviewJobName.Unfurl]: UnfurlJobData;
  [PreviewJobName.Rendered]: RenderedJobData;
  [RenderJobName.Render]: RenderJobData;
  [WebhookJobName.Deliver]: WebhookJobData;
}

export interface JobResultByName {
  [PreviewJobName.Unfurl]: UnfurlJobResult;
  [PreviewJobName.Rendered]: UnfurlJobResult;
  [RenderJobName.Render]: void;
  [WebhookJobName.Deliver]: void;
}

/** A job as producers queue it: a name and its typed data. */
export interface QueueJob<N extends JobName> {
  name: N;
  data: JobDataByName[N];
}

/**
 * The Redis pub/sub channel (after QUEUE_PREFIX and a colon) on which whoever changes or removes a
 * preview row publishes its id, so every API process drops its in-memory copy. Shared by every
 * deployed API and worker version: never change it.
 */
export const PREVIEW_CHANGED_CHANNEL = 'preview-changed';
