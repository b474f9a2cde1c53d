import type { Place } from '../errors/dagline-error.js';
import type { Pipeline } from '../pipeline-format/model.js';
import { readYaml } from '../pipeline-format/read-yaml.js';

/**
 * Where a template of a task's `run` script is in the pipeline file, for an
 * error found after validation (a value that may not stand where its template
 * does). The file is read again from the pipeline's own text, on that error
 * only.
 */
export function runTemplatePlace(pipeline: Pipeline, taskId: string): (raw: string, occurrence: number) => Place {
  return (raw, occurrence) => {
    const read = readYaml(pipeline.source.text, pipeline.file, {
      maxBytes: Number.MAX_SAFE_INTEGER,
      maxDepth: 1000,
      maxAliasNodes: Number.MAX_SAFE_INTEGER,
    });
    return read.locator.inText(['tasks', taskId, 'run'], raw, occurrence);
  };
}
