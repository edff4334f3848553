import fs from 'node:fs';
import path from 'node:path';
import { openApiDocument } from './openapi';

/** Writes the committed copy: `npx tsx http/write-openapi.ts` (a test checks it is current). */
export const openApiFile = path.resolve(__dirname, '..', 'docs', 'openapi.json');
export const openApiText = (): string => `${JSON.stringify(openApiDocument(), null, 2)}\n`;

if (require.main === module) {
  fs.writeFileSync(openApiFile, openApiText());
  process.stdout.write(`wrote ${openApiFile}\n`);
}
