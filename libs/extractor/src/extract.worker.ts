// The piscina task file: piscina calls the module's `default` export (its default `name` option) per task.
import { extractPage, type ExtractResult } from './extract-page';
import type { ExtractTask } from './extract-task';

export default function extract(task: ExtractTask): ExtractResult {
  return extractPage({ body: task.body, url: task.url, contentType: task.contentType });
}
