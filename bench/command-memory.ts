/**
 * `npm run bench:commands -- [--executions 300] [--commands 0,100,120,130,400] [--payload-bytes 0]
 * [--rounds 2] [--worker-malloc jemalloc]`: what a command costs a worker's memory. For each value of
 * --commands, a fresh worker (the ceiling's entry point, no cycle code) caches --executions executions
 * that each issued that many commands (memo upserts, the commonest command a cycle issues) and saw them
 * recorded; the table gives the worker's RSS per cached execution. The SDK's core keeps a state machine
 * for every command a run has issued until the run leaves the cache, so the difference between two rows
 * over their difference in commands is what one command costs while its run stays cached.
 * `--payload-bytes` pads each command's memo, to tell a cost per command from a cost per byte.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { connectClient } from '../lib/temporal';
import { mallocEnv } from './malloc';
import { bundleCommandWorkflows, type CommandMemoryResult, measureCommandMemory } from './command-memory/run';
import { parseCommandMemoryOptions } from './command-memory/options';
import { startDevServer } from './server';
import { reportBenchFailure } from './usage-error';

const root = resolve(__dirname, '..');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface Row {
  commands: number;
  perExecutionKb: number[];
}

/** KB per command between two rows, by their medians (none when they issued as many commands). */
function slopeKb(fewest: Row, most: Row): number | undefined {
  const commands = most.commands - fewest.commands;
  if (commands <= 0) return undefined;
  const kb = median(most.perExecutionKb) - median(fewest.perExecutionKb);
  return Math.round((kb / commands) * 100) / 100;
}

async function main(): Promise<void> {
  const options = parseCommandMemoryOptions(process.argv.slice(2));
  const allocatorEnv = mallocEnv(options.workerMalloc);
  const dataDir = join(root, '.data', 'bench', `commands-${Date.now()}`);
  mkdirSync(dataDir, { recursive: true });
  const server = await startDevServer({ dataDir, port: 17633 });
  const client = await connectClient({ temporalAddress: server.address, namespace: 'default' });
  try {
    const bundle = await bundleCommandWorkflows(dataDir);
    const results: CommandMemoryResult[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      for (const commands of options.commands) {
        const result = await measureCommandMemory(client, {
          commands,
          payloadBytes: options.payloadBytes,
          executions: options.executions,
          address: server.address,
          bundle,
          logDir: dataDir,
          allocatorEnv,
        });
        results.push(result);
        console.error(
          `round ${round}: ${commands} commands × ${options.executions} executions: ` +
            `${result.idleMb} → ${result.cachedMb} MB, ${result.perExecutionKb} KB per execution`,
        );
      }
    }
    const perExecution = options.commands.map((commands) => ({
      commands,
      perExecutionKb: results.filter((r) => r.commands === commands).map((r) => r.perExecutionKb),
    }));
    console.log('\ncommands per run | worker RSS per cached execution (KB), each round');
    for (const row of perExecution)
      console.log(`${String(row.commands).padStart(16)} | ${row.perExecutionKb.join(', ')}`);
    const fewest = perExecution.reduce((a, b) => (b.commands < a.commands ? b : a));
    const most = perExecution.reduce((a, b) => (b.commands > a.commands ? b : a));
    const perCommandKb = slopeKb(fewest, most);
    if (perCommandKb !== undefined)
      console.log(`per command, ${fewest.commands} → ${most.commands} (medians): ${perCommandKb} KB`);
    console.log(
      JSON.stringify(
        {
          executions: options.executions,
          payloadBytes: options.payloadBytes,
          malloc: options.workerMalloc,
          perExecution,
          perCommandKb,
          runs: results,
        },
        null,
        2,
      ),
    );
  } finally {
    await client.connection.close();
    await server.stop();
    if (!process.exitCode) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch(reportBenchFailure);
