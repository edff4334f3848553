import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { CycleConfigSchema, everyone, signatories } from '../../domain/config';
import { type StepName, stepNames, stepSchemas } from '../../domain/steps';

const dir = path.join(__dirname, '..', '..', 'examples', 'steps');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml'));
const stepOf = (file: string): string => file.replace(/\.yaml$/, '').split('.')[0] as string;
const load = (file: string): Record<string, unknown> =>
  YAML.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
const config = CycleConfigSchema.parse(
  YAML.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'cycle-config.yaml'), 'utf8')),
);
const people = new Set(everyone(config.people).map((p) => p.email));

describe('examples/steps', () => {
  it('has an example payload for every human step, and no file for an unknown step', () => {
    const covered = new Set(files.map(stepOf));
    expect(stepNames.filter((s) => !covered.has(s))).toEqual([]);
    expect([...covered].filter((s) => !(stepNames as string[]).includes(s))).toEqual([]);
  });

  it.each(files)(
    '%s is valid against its step schema and names a person of examples/cycle-config.yaml',
    (file) => {
      const step = stepOf(file) as StepName;
      const parsed = stepSchemas[step].safeParse(load(file));
      if (!parsed.success) throw new Error(`${file}: ${parsed.error.message}`);
      expect(people.has(parsed.data.by)).toBe(true);
    },
  );

  it('signs as a designated signatory', () => {
    const sign = stepSchemas.sign.parse(load('sign.yaml'));
    expect(signatories(config.people).map((p) => p.email)).toContain(sign.by);
  });

  it('plans activities inside the example promise period, owned by people of the cycle', () => {
    const plan = stepSchemas['submit-activity-plan'].parse(load('submit-activity-plan.yaml'));
    const { start, end } = config.schedule.promisePeriod;
    for (const a of plan.activities) {
      expect(people.has(a.responsible)).toBe(true);
      for (const date of [a.start, a.end, a.followUp.date, a.effectGoal.by]) {
        expect(date >= start && date <= end).toBe(true);
      }
    }
  });
});
