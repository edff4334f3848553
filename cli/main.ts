import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../lib/config';
import { InvalidCycleConfig, StepRejected } from '../lib/cycles';
import { registerAccess } from './access';
import { type CliContext, createContext } from './context';
import { CliError, ExitCode, exitCodesHelp } from './exit-codes';
import { registerList } from './list';
import { registerOutbox } from './outbox';
import { registerStart } from './start';
import { registerStatus } from './status';
import { registerSteps } from './steps';

function packageVersion(): string {
  for (const dir of [path.join(__dirname, '..'), path.join(__dirname, '..', '..')]) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file))
      return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return 'unknown';
}

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('promise-cycle')
    .description(
      'Run the yearly citizen-promise cycle (medborgarlöften) of the police and a municipality on Temporal.',
    )
    .version(packageVersion())
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      `
Configuration comes from the environment (TEMPORAL_ADDRESS, DATA_DIR, TASK_QUEUE …; see README).
${exitCodesHelp}

Examples:
  $ promise-cycle start examples/cycle-config.yaml
  $ promise-cycle list --escalated
  $ promise-cycle status Sundbyberg --year 2027
  $ promise-cycle record-citizen-dialogue --municipality 0183 --year 2027 examples/steps/record-citizen-dialogue.yaml --as linnea.akesson@example.se
  $ promise-cycle outbox list`,
    )
    .exitOverride();
  registerStart(program, ctx);
  registerStatus(program, ctx);
  registerList(program, ctx);
  registerSteps(program, ctx);
  registerOutbox(program, ctx);
  registerAccess(program, ctx);
  for (const command of program.commands) command.exitOverride();
  return program;
}

const isUnreachable = (err: unknown): boolean => {
  const e = err as { name?: string; code?: number; message?: string };
  // gRPC UNAVAILABLE (14) / DEADLINE_EXCEEDED (4), or the SDK's transport error.
  return (
    e?.name === 'TransportError' ||
    e?.code === 14 ||
    e?.code === 4 ||
    /ECONNREFUSED|UNAVAILABLE|DEADLINE_EXCEEDED/.test(e?.message ?? '')
  );
};

/** Maps every failure to its documented exit code; prints the message as given. */
export function exitCodeFor(err: unknown, printError: (line: string) => void): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  if (err instanceof CliError) {
    printError(err.message);
    return err.exitCode;
  }
  if (err instanceof StepRejected || err instanceof InvalidCycleConfig) {
    printError(err instanceof StepRejected ? err.reason : err.message);
    return ExitCode.refused;
  }
  if (err instanceof ConfigError) {
    printError(err.message);
    return ExitCode.usage;
  }
  if (isUnreachable(err)) {
    printError(`Cannot reach Temporal: ${(err as Error).message}`);
    return ExitCode.unreachable;
  }
  printError(`Unexpected error: ${(err as Error)?.stack ?? String(err)}`);
  return ExitCode.refused;
}

export async function main(argv: string[] = process.argv): Promise<number> {
  const ctx = createContext();
  const printError = (line: string) => process.stderr.write(`${line}\n`);
  try {
    await buildProgram(ctx).parseAsync(argv);
    return ExitCode.ok;
  } catch (err) {
    return exitCodeFor(err, printError);
  } finally {
    await ctx.close();
  }
}

if (require.main === module) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
