import { signatories } from '../domain/config';
import { composeAgreement, composePromise, type DocumentHeader } from '../domain/documents';
import type { SignedDocument } from '../domain/status';
import type { DraftDocument } from '../domain/steps';
import { contentHash } from './hash';
import { type CycleState, iso, now } from './state';

const header = (state: CycleState): DocumentHeader => ({
  municipalityName: state.config.municipality.name,
  localPoliceArea: state.config.localPoliceArea,
  year: state.config.year,
  language: state.language,
});

/** Composes the document to be signed from the coordinators' wording and the cycle's records. */
export function composeDocument(state: CycleState, draft: DraftDocument, version: number): SignedDocument {
  const r = state.records;
  const text =
    draft.gate === 'agreement'
      ? composeAgreement({
          header: header(state),
          introduction: draft.introduction,
          responsibilities: draft.responsibilities,
          coordinators: state.coordinators,
          jointPictureSummary: r.jointPictureSummary ?? '',
          focusAreas: r.focusAreas,
          analyses: r.analyses,
          signatories: signatories(state.config.people),
        })
      : composePromise({
          header: header(state),
          introduction: draft.introduction,
          purpose: draft.purpose,
          howCitizensCanFollow: draft.howCitizensCanFollow,
          jointPictureSummary: r.jointPictureSummary ?? '',
          focusAreas: r.focusAreas.filter((f) => f.leadsToPromise),
          citizenDialogues: r.citizenDialogues,
          staffDialogueCount: Object.keys(r.staffDialogues).length,
          activities: r.activityPlan?.activities ?? [],
          signatories: signatories(state.config.people),
        });
  return {
    gate: draft.gate,
    version,
    text,
    contentHash: contentHash(text),
    draftedAt: iso(now()),
    draftedBy: draft.by,
  };
}
