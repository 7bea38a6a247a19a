// The piscina task file: piscina calls the module's `default` export (its default `name` option) per task.
import { ExtractError } from './extract-error';
import { extractPage } from './extract-page';
import type { ExtractOutcome, ExtractTask } from './extract-task';

export default function extract(task: ExtractTask): ExtractOutcome {
  try {
    return { ok: true, result: extractPage({ body: task.body, url: task.url, contentType: task.contentType }) };
  } catch (error) {
    if (error instanceof ExtractError) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}
