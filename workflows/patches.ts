/**
 * Every `patched()` id, newest last, with the change it guards. A cycle started before the change
 * replays without it; tests/fixtures/histories holds a recorded history from before each one.
 */

/** The workflow keeps its status digest in its memo (upsertMemo), read by the server without a worker. */
export const statusMemoPatch = 'status-memo';

/**
 * A registration or publication that fails for good no longer fails the cycle: the coordinators get a
 * task to retry it, and it is retried daily. Only reached on such a failure, so only those histories
 * carry the marker.
 */
export const publicationProblemPatch = 'publication-problem';

/**
 * Feedback to citizens and staff that is not recorded by its task's due date gets an overdue notice
 * to the coordinators and the communicator, and counts as overdue in the status.
 */
export const feedbackOverduePatch = 'feedback-overdue';

/**
 * The status digest in the memo also lists the year's follow-ups and feedback rounds (what
 * `promise-cycle status` shows without a worker). Cycles started before keep the shorter digest.
 */
export const digestFollowUpsPatch = 'digest-follow-ups';

/**
 * The status digest stays within the server's 2 KB memo warning size: its longest lists give up their
 * last entries, counted (domain/status-digest.ts `fitDigest`). Cycles started before keep the whole
 * digest: a change in an entry the budget leaves out upserts no memo, which their histories would.
 */
export const digestBudgetPatch = 'digest-budget';
