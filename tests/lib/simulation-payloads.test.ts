import { stepSchemas } from '../../domain/steps';
import { benchConfigs } from '../../bench/configs';
import * as payloads from '../../lib/simulation/payloads';
import { seededRandom } from '../../lib/simulation/random';

const [sundbyberg, other] = (() => {
  const all = benchConfigs(
    290,
    { startAt: Date.parse('2027-01-10T08:00:00Z'), planningMinutes: 2, yearMinutes: 60 },
    2027,
  );
  return [all.find((c) => c.municipality.code === '0183')!, all.find((c) => c.municipality.code === '0380')!];
})();

describe('simulated people', () => {
  it('the seeded generator repeats itself per seed and differs between seeds', () => {
    const a = seededRandom('0183/2027');
    const b = seededRandom('0183/2027');
    const c = seededRandom('0380/2027');
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('plans the same year for the same municipality and another for another', () => {
    const plan = (config: typeof sundbyberg, seed: string) => {
      const rng = seededRandom(seed);
      return payloads.activityPlan(
        config,
        rng,
        config.people.policeCoordinator.email,
        payloads.focusAreas(rng),
      );
    };
    expect(plan(sundbyberg, 'x')).toEqual(plan(sundbyberg, 'x'));
    expect(plan(sundbyberg, 'x').activities.map((a) => a.start)).not.toEqual(
      plan(sundbyberg, 'y').activities.map((a) => a.start),
    );
  });

  it('writes payloads every step schema accepts, with 5–10 activities inside the promise period', () => {
    for (const config of [sundbyberg, other]) {
      const rng = seededRandom(config.municipality.code);
      const by = config.people.policeCoordinator.email;
      const now = Date.parse(config.schedule.promisePeriod.start);
      const areas = payloads.focusAreas(rng);
      const plan = payloads.activityPlan(config, rng, by, areas);
      const samples: [keyof typeof stepSchemas, unknown][] = [
        ['confirm-initiation', payloads.confirmInitiation(config, by)],
        ['record-situation-picture', payloads.situationPicture(config, rng, by)],
        ['record-staff-dialogue', payloads.staffDialogue(rng, by, 'what', now)],
        ['record-citizen-dialogue', payloads.citizenDialogue(config, rng, by, now)],
        ['record-joint-picture', payloads.jointPicture(rng, by, now, areas)],
        ['record-joint-picture', payloads.deeperDialogue(by, now)],
        ['record-problem-analysis', payloads.problemAnalysis(areas[0]!, by)],
        ['draft-document', payloads.draft(config, 'agreement', by)],
        ['draft-document', payloads.draft(config, 'promise', by)],
        ['submit-activity-plan', plan],
        ['report-progress', payloads.progress('a1', by, 40)],
        ['complete-activity', payloads.completion('a1', by)],
        ['explain-deviation', payloads.deviation('a1', by, true)],
        ['record-follow-up', payloads.followUp('cadence-1', by, rng)],
        ['record-feedback', payloads.feedback('feedback-1', by, now)],
      ];
      for (const [step, payload] of samples) {
        const parsed = stepSchemas[step].safeParse(payload);
        expect({ step, issues: parsed.success ? [] : parsed.error.issues }).toEqual({ step, issues: [] });
      }
      expect(plan.activities.length).toBeGreaterThanOrEqual(5);
      expect(plan.activities.length).toBeLessThanOrEqual(10);
      const start = Date.parse(config.schedule.promisePeriod.start);
      const end = Date.parse(config.schedule.promisePeriod.end);
      for (const a of plan.activities) {
        expect(Date.parse(a.start)).toBeGreaterThanOrEqual(start);
        expect(Date.parse(a.end)).toBeLessThanOrEqual(end);
        expect(areas.filter((f) => f.leadsToPromise).map((f) => f.id)).toContain(a.focusAreaId);
      }
    }
  });
});
