import type { CycleInput } from '../domain/activity-contract';
import type { CycleReport } from '../domain/notifications';
import { citizenDialogues, jointPictureOrdersDeeperDialogue, staffDialogue } from './phases/dialogues';
import { initiateCollaboration, localSituationPicture } from './phases/collaboration';
import { implementation } from './phases/implementation';
import { openCycle } from './phases/opening';
import { activityPlan, problemAnalysis } from './phases/planning';
import { registerAndPublish } from './phases/publication';
import { signatureGate } from './phases/signature-gate';
import { yearEnd } from './phases/year-end';

/** One municipality's citizen-promise year, phase by phase as the method describes it (METHOD.md). */
export async function promiseCycle(input: CycleInput): Promise<CycleReport> {
  const cycle = await openCycle(input);
  await initiateCollaboration(cycle);
  await localSituationPicture(cycle);
  await staffDialogue(cycle, 'what');
  do {
    await citizenDialogues(cycle);
  } while (await jointPictureOrdersDeeperDialogue(cycle));
  await problemAnalysis(cycle);
  await signatureGate(cycle, 'agreement');
  await staffDialogue(cycle, 'how');
  await activityPlan(cycle);
  await signatureGate(cycle, 'promise');
  await registerAndPublish(cycle);
  await implementation(cycle);
  return yearEnd(cycle);
}
