import { readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { countHistory } from '../../bench/histories';

describe("the bench's history counts", () => {
  it('counts a recorded full year: its workflow tasks, timers, activities, updates and memo and search-attribute upserts', () => {
    const history = temporal.api.history.v1.History.fromObject(
      JSON.parse(
        readFileSync(path.join(__dirname, '../fixtures/histories/full-year-digest-budget.json'), 'utf8'),
      ),
    );
    expect(countHistory(history)).toEqual({
      events: 1188,
      workflowTasks: 187,
      timers: 62,
      activities: 58,
      updates: 64,
      visibilityUpserts: 194,
    });
  });

  it('counts nothing in an empty history', () => {
    expect(countHistory({ events: [] })).toMatchObject({ events: 0, visibilityUpserts: 0 });
  });
});
