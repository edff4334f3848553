/**
 * Starts the compressed demo cycle (examples/demo-cycle.yaml) on the configured Temporal server and
 * drives it with simulated people through every planning phase and both signature gates, then
 * leaves it in implementation, so the dashboard, the emails and the public page have something live.
 *
 *   node --import tsx scripts/demo-cycle.ts [--config examples/demo-cycle.yaml] [--until implementation]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { cycleWorkflowId } from '../domain/config';
import { type Phase, PhaseSchema } from '../domain/phases';
import { configOrExit } from '../lib/config';
import { startCycle, toCycleInput } from '../lib/cycles';
import { simulateCycle } from '../lib/simulation';
import { connectClient } from '../lib/temporal';

/** `+8m`, `+2h`, `+1d` from now, as an ISO date-time; anything else is left as it is. */
export function resolveRelative(value: unknown, now: number): unknown {
  if (typeof value !== 'string') return value;
  const match = /^\+(\d+)(m|h|d)$/.exec(value.trim());
  if (!match) return value;
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 'm' | 'h' | 'd'];
  return new Date(now + Number(match[1]) * unit).toISOString();
}

export function demoConfig(raw: Record<string, unknown>, now: number): Record<string, unknown> {
  const schedule = raw.schedule as { startAt?: unknown; promisePeriod: { start: unknown; end: unknown } };
  return {
    ...raw,
    schedule: {
      ...schedule,
      startAt: resolveRelative(schedule.startAt, now),
      promisePeriod: {
        start: resolveRelative(schedule.promisePeriod.start, now),
        end: resolveRelative(schedule.promisePeriod.end, now),
      },
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { config: { type: 'string' }, until: { type: 'string' } } });
  const app = configOrExit();
  const until: Phase = PhaseSchema.parse(values.until ?? 'implementation');
  const raw = parse(readFileSync(resolve(values.config ?? 'examples/demo-cycle.yaml'), 'utf8')) as Record<
    string,
    unknown
  >;
  const client = await connectClient(app);
  try {
    // Each demo gets a fresh year counting down from the file's, so a second demo never meets the first.
    let started;
    let input;
    for (let year = Number(raw.year); ; year--) {
      input = toCycleInput(demoConfig({ ...raw, year }, Date.now()));
      started = await startCycle(client, input, { taskQueue: app.taskQueue });
      if (!started.alreadyRunning) break;
      if (year < Number(raw.year) - 50)
        throw new Error(
          `50 demo cycles already exist; remove old ones or set another year in ${values.config ?? 'examples/demo-cycle.yaml'}`,
        );
    }
    const { config } = input;
    const workflowId = cycleWorkflowId(config.municipality.code, config.year);
    console.log(`demo cycle started: ${workflowId}`);
    const report = await simulateCycle(client, config, {
      until,
      unexplainedSlipShare: 0.2,
      explainedSlipShare: 0.2,
      onPhase: (phase) => console.log(`  phase: ${phase}`),
    });
    console.log(`demo cycle in ${report.finalPhase} after ${report.steps} steps`);
    console.log(`  dashboard    ${app.publicBaseUrl}/dashboard/cycles/${workflowId}`);
    console.log(
      `  public page  ${app.publicBaseUrl}/medborgarloften/${config.municipality.code}/${config.year}`,
    );
  } finally {
    await client.connection.close();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
