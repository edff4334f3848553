import { cycleListQuery, initialSearchAttributes, toCycleInput, InvalidCycleConfig } from '../../lib/cycles';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const example = () => parse(readFileSync(join(__dirname, '../../examples/cycle-config.yaml'), 'utf8'));

describe('cycleListQuery', () => {
  it('lists every cycle by workflow type when no filter is given', () => {
    expect(cycleListQuery()).toBe("WorkflowType = 'promiseCycle'");
  });

  it('combines every filter on the custom search attributes', () => {
    expect(
      cycleListQuery({
        region: 'Stockholms län',
        year: 2027,
        phase: 'implementation',
        escalated: true,
        municipalityCode: '0183',
        runningOnly: true,
      }),
    ).toBe(
      "WorkflowType = 'promiseCycle' AND Region = 'Stockholms län' AND CycleYear = 2027 AND CyclePhase = 'implementation' AND Escalated = true AND MunicipalityCode = '0183' AND ExecutionStatus = 'Running'",
    );
  });

  it('filters on not escalated as well', () => {
    expect(cycleListQuery({ escalated: false })).toContain('Escalated = false');
  });

  it('escapes quotes so a value cannot change the query', () => {
    expect(cycleListQuery({ region: "Skåne' OR WorkflowType = 'x" })).toBe(
      "WorkflowType = 'promiseCycle' AND Region = 'Skåne\\' OR WorkflowType = \\'x'",
    );
  });

  it('rejects an unknown phase, a bad code and unknown filter keys', () => {
    expect(() => cycleListQuery({ phase: 'lunch' as never })).toThrow();
    expect(() => cycleListQuery({ municipalityCode: '183' })).toThrow();
    expect(() => cycleListQuery({ colour: 'red' } as never)).toThrow();
  });
});

describe('toCycleInput and the initial search attributes', () => {
  it('accepts the example configuration and derives the attributes a new cycle starts with', () => {
    const input = toCycleInput(example());
    const attributes = Object.fromEntries(initialSearchAttributes(input).map((p) => [p.key.name, p.value]));
    expect(attributes).toEqual({
      MunicipalityCode: '0183',
      MunicipalityName: 'Sundbyberg',
      Region: 'Stockholms län',
      CycleYear: 2027,
      CyclePhase: 'initiation',
      Escalated: false,
      OverdueCount: 0,
    });
  });

  it('keeps a carry-over when given a whole cycle input', () => {
    const carryOver = {
      previousWorkflowId: 'promise-cycle-0183-2026',
      finalFollowUp: 'Bra år',
      renewableFocusAreas: [],
      outcomes: [],
    };
    expect(toCycleInput({ config: example(), carryOver }).carryOver).toEqual(carryOver);
  });

  it('names what is wrong in an invalid configuration', () => {
    const bad = { ...example(), municipality: { code: '0183', name: 'Solna' } };
    expect(() => toCycleInput(bad)).toThrow(InvalidCycleConfig);
    expect(() => toCycleInput(bad)).toThrow(/0183 is Sundbyberg, not Solna/);
  });
});
