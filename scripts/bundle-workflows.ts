// Prebuilds the workflow bundle for production workers (WORKFLOW_BUNDLE=dist/workflow-bundle.js).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { bundlerOptions, workflowsPath } from '../worker/bundle-options';
import { withoutSourcesContent } from '../worker/slim-bundle';
import { defaultWorkflowBundlePath } from '../worker/workflow-source';

async function main(): Promise<void> {
  const out = path.resolve(process.argv[2] ?? defaultWorkflowBundlePath);
  const bundled = await bundleWorkflowCode({ workflowsPath: workflowsPath(), ...bundlerOptions() });
  const code = withoutSourcesContent(bundled.code);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, code);
  console.log(`workflow bundle written to ${out} (${Math.round(code.length / 1024)} KiB)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
