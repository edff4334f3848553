// Registers the project's custom search attributes on a self-hosted Temporal cluster (docker compose runs it
// once at startup). Idempotent. The dev server registers them itself (scripts/dev-server.sh); on Temporal
// Cloud, create them with `tcld namespace search-attributes add` instead: Cloud refuses this operator call.
import { configOrExit } from '../lib/config';
import { createLogger } from '../lib/logger';
import { connectClient, registerSearchAttributes } from '../lib/temporal';

async function main(): Promise<void> {
  const config = configOrExit();
  const logger = createLogger({ level: config.logLevel, name: 'register-search-attributes' });
  // A cluster that is still starting (schema setup, namespace creation) fails at first: retry for a while.
  for (let attempt = 1; ; attempt++) {
    try {
      const client = await connectClient(config);
      const added = await registerSearchAttributes(client.connection, config.namespace).finally(() =>
        client.connection.close(),
      );
      logger.info({ namespace: config.namespace, added }, 'search attributes registered');
      return;
    } catch (err) {
      if (attempt >= 60) throw err;
      logger.warn(
        { attempt, address: config.temporalAddress, err: String(err) },
        'Temporal not ready yet, retrying',
      );
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
