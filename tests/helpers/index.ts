export { DevServer, freePort, startPrivateDevServer } from './dev-server';
export { repoRoot, temporalCliPath, testServerPath } from './provisioned';
export {
  bundleOnce,
  devServerAddress,
  devServerClient,
  devServerConnection,
  devServerEnv,
  projectWorkflowsPath,
  smokeWorkflowsPath,
  timeSkippingEnv,
  uniqueTaskQueue,
  uniqueWorkflowId,
} from './temporal';
export { eventually } from './eventually';
