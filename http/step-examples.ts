import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { StepName } from '../domain/steps';

/** examples/steps, from the source tree (http/) or the compiled tree (dist/http/). */
export function stepExamplesDir(): string | undefined {
  return [
    path.resolve(__dirname, '..', 'examples', 'steps'),
    path.resolve(__dirname, '..', '..', 'examples', 'steps'),
  ].find((d) => fs.existsSync(d));
}

/** The example payload of a step as YAML without `by` (the form fills it in), or '' if none. */
export function exampleYaml(step: StepName, overrides: Record<string, unknown> = {}): string {
  const dir = stepExamplesDir();
  const file = dir && path.join(dir, `${step}.yaml`);
  if (!file || !fs.existsSync(file)) return '';
  const example = YAML.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  delete example.by;
  return YAML.stringify({ ...example, ...overrides });
}
