import type { Client } from '@temporalio/client';
import type { AccessLookup } from './access';

/** What the HTTP app needs from the outside; tests pass their own. */
export interface HttpDeps {
  client: Client;
  dataDir: string;
  publicBaseUrl: string;
  /** Signs session cookies and CSRF tokens (LINK_SIGNING_KEY). */
  secret: string;
  access: AccessLookup;
  /** How long a page waits for a worker to answer a query before falling back. */
  queryTimeoutMs?: number;
}
