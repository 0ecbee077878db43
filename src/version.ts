import { createRequire } from 'node:module';

/** The package version, for `--version` and the batch manifest. */
export const VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
