/**
 * Every `patched()` id, newest last, with the change it guards. A cycle started before the change
 * replays without it; tests/fixtures/histories holds a recorded history from before each one.
 */

/** The workflow keeps its status digest in its memo (upsertMemo), read by the server without a worker. */
export const statusMemoPatch = 'status-memo';
