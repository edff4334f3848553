import { roleLabels } from '../domain/people';
import type { PublicView } from '../domain/status';
import { activityState, type CycleState, iso } from './state';

/**
 * What citizens may see. Built field by field from public records: the internal intelligence part of
 * the situation picture and people's email addresses are never read here.
 */
export function buildPublicView(state: CycleState): PublicView {
  const c = state.config;
  const gate = state.gates.promise;
  const draft = gate.draft?.gate === 'promise' ? gate.draft : undefined;
  const signed = gate.openedAt !== undefined && gate.document !== undefined && draft !== undefined;
  return {
    municipality: { code: c.municipality.code, name: c.municipality.name },
    region: c.region,
    localPoliceArea: c.localPoliceArea,
    year: c.year,
    language: c.language,
    published: state.promise.publishedAt !== undefined,
    promise:
      signed && gate.document && draft
        ? {
            text: gate.document.text,
            introduction: draft.introduction,
            purpose: draft.purpose,
            jointPictureSummary: state.records.jointPictureSummary ?? '',
            focusAreas: state.records.focusAreas
              .filter((f) => f.leadsToPromise)
              .map((f) => ({ title: f.title, targetPicture: f.targetPicture })),
            howCitizensCanFollow: draft.howCitizensCanFollow,
            signatures: [...gate.signatures.entries()].flatMap(([email, s]) => {
              const person = state.signatoriesByEmail().get(email);
              return person
                ? [{ name: person.name, role: roleLabels[person.role][c.language], signedAt: iso(s.at) }]
                : [];
            }),
            recordNumber: state.promise.recordNumber,
            publishedAt: state.promise.publishedAt,
          }
        : undefined,
    activities: signed
      ? [...state.activities.values()].map((a) => ({
          id: a.plan.id,
          title: a.plan.title,
          description: a.plan.description,
          start: iso(a.start),
          end: iso(a.end),
          effectSought: a.plan.effectGoal.description,
          state: activityState(a),
          percentComplete: a.percentComplete,
          progress: a.reports.map((r) => ({ at: iso(r.at), summary: r.summary })),
          explanation: a.explanation?.text,
        }))
      : [],
    feedback: [
      ...[...state.feedback.values()].flatMap((f) =>
        f.given ? [{ at: f.given.at, date: f.given.payload.date, summary: f.given.payload.summary }] : [],
      ),
      ...state.adHocFeedback.map((f) => ({ at: f.at, date: f.payload.date, summary: f.payload.summary })),
    ]
      .sort((a, b) => a.at - b.at)
      .map(({ date, summary }) => ({ date, summary })),
  };
}
