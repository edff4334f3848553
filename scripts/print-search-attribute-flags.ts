// Prints the project's custom search attributes as `Name=Type` lines for `temporal server start-dev --search-attribute`.
import { allSearchAttributes, cliTypeName } from '../domain/search-attributes';

for (const key of allSearchAttributes) {
  const type = cliTypeName[key.type];
  if (!type) throw new Error(`No Temporal CLI type name for search attribute ${key.name} (${key.type})`);
  console.log(`${key.name}=${type}`);
}
