// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeModules = ['fs', 'path', 'os', 'http', 'https', 'net', 'child_process', 'crypto', 'stream', 'util', 'process', 'worker_threads', 'dns', 'events'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bin/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Workflow code must stay deterministic; domain code is shared with workflows.
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeModules.flatMap((m) => [m, `node:${m}`]).map((name) => ({ name, message: 'No Node APIs in workflow/domain code: it must stay deterministic and bundle for the workflow sandbox.' })),
            { name: 'nodemailer', message: 'I/O belongs in activities.' },
            { name: 'pino', message: 'Use the workflow `log` instead.' },
            { name: '@temporalio/client', message: 'Client code does not belong in workflows.' },
            { name: '@temporalio/worker', message: 'Worker code does not belong in workflows.' },
            { name: '@temporalio/activity', message: 'Activity code does not belong in workflows.' },
          ],
          patterns: [
            { group: ['../activities', '../activities/*', '../../activities/*'], allowTypeImports: true, message: 'Only type-only imports of activities in workflow code.' },
            { group: ['../lib/*', '../../lib/*'], message: 'lib/ is Node-side infrastructure.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'No process in workflow/domain code.' }, { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' }],
    },
  },
);
