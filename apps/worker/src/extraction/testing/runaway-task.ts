// A piscina task file for the ExtractionPool spec: a page whose URL says "runaway" never finishes
// (as a pathological page might), any other returns at once.
import type { ExtractOutcome, ExtractResult, ExtractTask } from '@unfurl/extractor';

export default function runawayTask(task: ExtractTask): ExtractOutcome {
  // oxlint-disable-next-line no-empty -- spinning is the point: only terminating the thread stops it.
  while (task.url.includes('runaway')) {}
  return { ok: true, result: { metadata: { url: task.url } as ExtractResult['metadata'], oembedUrl: null, scriptShell: false } };
}
