import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { EmailSchema } from '../domain/people';
import { accessFilePath, AccessFileSchema, accessRoles, sha256 } from '../http/access';
import type { CliContext } from './context';
import { refused } from './exit-codes';
import { formatIssues } from './zod-errors';

const NewPersonSchema = z.object({
  name: z.string().trim().min(1, 'name is required'),
  email: EmailSchema,
  role: z.enum(accessRoles),
});

/** Issues personal access tokens for the dashboard and API; the file keeps only their SHA-256. */
export function registerAccess(program: Command, ctx: CliContext): void {
  const access = program
    .command('access')
    .description('personal access tokens for the dashboard and the JSON API');
  access
    .command('add')
    .description('create a token for a person (printed once; only its hash is stored)')
    .requiredOption('--email <email>', 'the person')
    .requiredOption('--name <name>', 'shown in the dashboard')
    .option(
      '--role <role>',
      `${accessRoles.join(' or ')} (managers read; coordinators also start cycles and record steps)`,
      'manager',
    )
    .addHelpText(
      'after',
      '\nExample:\n  $ promise-cycle access add --email karin.holm@example.se --name "Karin Holm" --role manager',
    )
    .action((opts: { email: string; name: string; role: string }) => {
      const person = NewPersonSchema.safeParse(opts);
      if (!person.success) throw refused(`Invalid person:\n${formatIssues(person.error)}`);
      const file = accessFilePath(ctx.dataDir());
      const current = fs.existsSync(file)
        ? AccessFileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')))
        : { people: [] };
      const token = randomBytes(24).toString('base64url');
      const people = [
        ...current.people.filter((p) => p.email !== person.data.email),
        { ...person.data, tokenSha256: sha256(token) },
      ];
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, `${JSON.stringify({ people }, null, 2)}\n`, { mode: 0o600 });
      ctx.out(token);
    });
}
