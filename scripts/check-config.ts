// Validates the environment like the worker does; prints the effective configuration with secrets masked.
import { configOrExit } from '../lib/config';
import { maskUrlCredentials } from '../lib/logger';

const cfg = configOrExit();
const shown = {
  ...cfg,
  apiKey: cfg.apiKey ? '(set)' : undefined,
  linkSigningKey: '(set)',
  smtpUrl: cfg.smtpUrl ? maskUrlCredentials(cfg.smtpUrl) : undefined,
};
console.log(JSON.stringify(shown, null, 2));
