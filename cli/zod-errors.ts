import type { z } from 'zod';

/** One line per problem, with the path into the file: `people.lpoChief.email: must be an email address`. */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `  - ${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('\n');
}
