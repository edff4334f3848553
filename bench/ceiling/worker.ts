import { NativeConnection, Worker } from '@temporalio/worker';

/** A worker for the ceiling workload only, on its own task queue; run as a child process like the app's worker. */
async function main(): Promise<void> {
  const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const taskQueue = process.env.CEILING_TASK_QUEUE ?? 'bench-ceiling';
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowThreadPoolSize: Number(process.env.CEILING_WORKFLOW_THREADS ?? 1),
    ...(process.env.CEILING_WORKFLOW_POLLERS && {
      workflowTaskPollerBehavior: {
        type: 'simple-maximum' as const,
        maximum: Number(process.env.CEILING_WORKFLOW_POLLERS),
      },
    }),
    ...(process.env.CEILING_WORKFLOW_SLOTS && {
      maxConcurrentWorkflowTaskExecutions: Number(process.env.CEILING_WORKFLOW_SLOTS),
    }),
    ...(process.env.CEILING_BUNDLE
      ? { workflowBundle: { codePath: process.env.CEILING_BUNDLE } }
      : { workflowsPath: require.resolve('./workflows') }),
  });
  const stop = () => worker.shutdown();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  await worker.run();
  await connection.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
