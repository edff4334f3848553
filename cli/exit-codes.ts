/** Exit codes of `promise-cycle`, documented in `--help`. */
export const ExitCode = {
  ok: 0,
  /** The request was refused: invalid file or payload, rejected by the cycle, unknown cycle. */
  refused: 1,
  /** Wrong use of the command line: unknown option, missing argument, unreadable file. */
  usage: 2,
  /** Temporal (or, for queries, a worker) cannot be reached. */
  unreachable: 3,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue,
  ) {
    super(message);
  }
}

export const usageError = (message: string): CliError => new CliError(message, ExitCode.usage);
export const refused = (message: string): CliError => new CliError(message, ExitCode.refused);
export const unreachable = (message: string): CliError => new CliError(message, ExitCode.unreachable);

export const exitCodesHelp = `
Exit codes:
  0  ok (also "already running" for start)
  1  refused: invalid configuration or payload, rejected by the cycle (message printed as given), unknown cycle
  2  usage: unknown command or option, missing argument, unreadable file
  3  cannot reach Temporal (or no worker answers a status query)`;
