/**
 * Workflow code keeps stack traces three frames deep instead of V8's ten.
 *
 * The SDK records a stack trace for every promise a workflow creates (for the `__stack_trace`
 * query, the Web UI's "Stack Trace" tab) and maps every frame through the bundle's source map, also
 * when nobody asks. Three frames instead of ten took 14 % off the CPU of replaying a year (README,
 * Performance, runs 45–47), and still name where a cycle waits and where an error was thrown.
 *
 * Set in a preloaded module (workflows/shared-modules.ts): the SDK freezes the sandbox's globals
 * once the preloaded modules have run, and `Error` is the sandbox's own, so this leaves the
 * worker's Node code and its activities as they were.
 */
export const workflowStackFrames = 3;

/** Called by workflows/shared-modules.ts inside the sandbox; importing this module changes nothing. */
export function limitWorkflowStackTraces(): void {
  Error.stackTraceLimit = workflowStackFrames;
}
