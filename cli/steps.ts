import type { Command } from 'commander';
import { GateSchema, type StepName, stepNames, stepSchemas } from '../domain/steps';
import { CycleNotFound, runStep, StepRejected } from '../lib/cycles';
import type { CliContext } from './context';
import { refused, usageError } from './exit-codes';
import { readObjectFile } from './payload-file';
import { resolveCycle, type TargetOptions } from './target';
import { formatIssues } from './zod-errors';

const summaries: Record<StepName, string> = {
  'confirm-initiation':
    'confirm the collaboration: steering group, time frames, communication plan (phase 1)',
  'record-situation-picture': 'record the local situation picture, public and internal parts (phase 2)',
  'record-staff-dialogue': 'record a staff dialogue, kind "what" (phase 3) or "how" (phase 8)',
  'record-citizen-dialogue': 'record one citizen dialogue (phase 4)',
  'close-citizen-dialogues': 'close the citizen-dialogue phase once the minimum is recorded (phase 4)',
  'record-joint-picture':
    'record the joint situation picture: focus areas, or order a deeper dialogue (phase 5)',
  'record-problem-analysis': 'record the problem description and cause analysis of one focus area (phase 6)',
  'draft-document': 'draft the agreement (phase 7) or the promise (phase 10) for signing',
  sign: 'sign the current version of the agreement or the promise (designated signatories only)',
  'retry-publication':
    'try registering and publishing the signed promise again once the cause of the failure is fixed (phase 10)',
  'submit-activity-plan': 'submit the activity plan with resource and communication plans (phase 9)',
  'report-progress': 'report progress on an activity (implementation)',
  'report-change': 'report a change to an activity, with what and why (implementation)',
  'explain-deviation': 'explain why an activity is late or cancelled; clears an escalation (implementation)',
  'complete-activity': 'report an activity as done, with its production outcome (implementation)',
  'record-follow-up': 'record a follow-up: resources and activities, performance, effect (implementation)',
  'record-feedback': 'record feedback given to citizens, staff or partners (implementation)',
};

/** Steps whose payload can come entirely from options. */
const fileOptional = new Set<StepName>(['sign', 'close-citizen-dialogues', 'retry-publication']);

const exampleFile = (step: StepName): string => (step === 'sign' ? '' : ` examples/steps/${step}.yaml`);
const exampleLine = (step: StepName): string =>
  step === 'sign'
    ? '  $ promise-cycle sign --cycle promise-cycle-0183-2027 --gate agreement --hash <contentHash from status --json> --as karin.holm@example.se'
    : `  $ promise-cycle ${step} --municipality 0183 --year 2027${exampleFile(step)} --as <email>`;

interface StepOptions extends TargetOptions {
  as?: string;
  gate?: string;
  hash?: string;
  json?: boolean;
}

/** One subcommand per human step, named exactly like the step (and like its Temporal Update). */
export function registerSteps(program: Command, ctx: CliContext): void {
  for (const step of stepNames) {
    const command = program
      .command(step)
      .description(summaries[step])
      .argument(
        fileOptional.has(step) ? '[payload]' : '<payload>',
        'the step payload as a YAML or JSON file (see examples/steps/)',
      )
      .option('--cycle <workflowId>', 'the cycle, e.g. promise-cycle-0183-2027')
      .option('--municipality <code|name>', 'the municipality (with --year, or the newest cycle)')
      .option('--year <year>', 'the cycle year')
      .option('--as <email>', 'who performs the step (sets "by")')
      .option('--json', 'print the result as JSON');
    if (step === 'sign')
      command
        .option('--gate <agreement|promise>', 'the document to sign')
        .option('--hash <sha256>', 'the content hash of the version you read');
    command.addHelpText('after', `\nExample:\n${exampleLine(step)}`);
    command.action(async (file: string | undefined, opts: StepOptions) => {
      const payload: Record<string, unknown> = file ? readObjectFile(file) : {};
      if (opts.as) payload.by = opts.as;
      if (opts.gate !== undefined) {
        if (!GateSchema.safeParse(opts.gate).success) throw usageError('--gate must be agreement or promise');
        payload.gate = opts.gate;
      }
      if (opts.hash) payload.contentHash = opts.hash;
      if (payload.by === undefined)
        throw usageError('Say who performs the step: --as <email> (or "by" in the payload file).');
      const parsed = stepSchemas[step].safeParse(payload);
      if (!parsed.success) throw refused(`The ${step} payload is invalid:\n${formatIssues(parsed.error)}`);
      const workflowId = await resolveCycle(ctx.client, opts);
      try {
        const result = await runStep(await ctx.client(), workflowId, step, payload as never);
        ctx.out(opts.json ? JSON.stringify(result) : result.message);
      } catch (err) {
        if (err instanceof StepRejected) throw refused(err.reason);
        if (err instanceof CycleNotFound) throw refused(`No cycle ${workflowId}.`);
        throw err;
      }
    });
  }
}
