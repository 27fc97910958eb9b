import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { isOdsCode } from '@stepwell/contracts';
import { ConfigError } from '@stepwell/config';
import { AppModule } from '../app.module';
import { loadDirectoryConfig } from '../config';
import { DirectoryImporter, type ImportReport } from '../shared/directory-importer';

const USAGE = 'usage: npm run directory:import -- <feed.json | file:///path/feed.json> --owner <ODS code> [--quiet]';

/** A feed file's path: a local path or a `file:` URL. Never fetched over the network. */
function feedPath(argument: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(argument)) {
    if (!argument.startsWith('file://')) throw new UsageError(`only local files are read (a path or a file:// URL), not ${argument.split(':')[0]}: URLs`);
    return fileURLToPath(argument);
  }
  return argument;
}

class UsageError extends Error {}

const summary = (r: ImportReport): string => `created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}, rejected ${r.rejected.length}`;

/**
 * `npm run directory:import -- <feed.json> --owner <ODS>` (after `npm run build`): loads an Open Referral UK / HSDS
 * feed into the directory through the same write path as the editor API, idempotently, and prints what it did.
 * New listings are owned by `--owner` (whose directory editors then keep them up); events name the operator as a
 * `directory-admin` of that organisation. Exit codes: 0 done (even with rejected records: they are listed), 64
 * usage, 65 the file is not JSON, 78 configuration, 1 failure.
 */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { owner: { type: 'string' }, quiet: { type: 'boolean' } }, allowPositionals: true, strict: true });
  const [argument] = positionals;
  if (!argument || positionals.length > 1) throw new UsageError(USAGE);
  const owner = values.owner ?? process.env['DIRECTORY_IMPORT_OWNER'];
  if (!isOdsCode(owner)) throw new UsageError(`--owner (or DIRECTORY_IMPORT_OWNER) must be the ODS code of the organisation that will own new listings\n${USAGE}`);
  let feed: unknown;
  try {
    feed = JSON.parse(readFileSync(feedPath(argument), 'utf8'));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    process.stderr.write(`directory: cannot read ${argument} as JSON: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(65);
  }
  const config = loadDirectoryConfig();
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    const started = Date.now();
    let lastLine = 0;
    const report = await app.get(DirectoryImporter).import(feed, {
      owner,
      actor: { userId: `directory-import:${process.env['USER'] ?? 'operator'}`, organisationId: owner, role: 'directory-admin' },
      correlationId: randomUUID(),
      onProgress: (done, total, so) => {
        // A line a second on a large feed; nothing for a small one.
        if (values.quiet || Date.now() - lastLine < 1000) return;
        lastLine = Date.now();
        process.stdout.write(`  … ${done}/${total} records (${summary(so)})\n`);
      },
    });
    process.stdout.write(`directory: imported ${report.records} records in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary(report)}\n`);
    for (const r of report.rejected) process.stdout.write(`  rejected ${r.kind}${r.index >= 0 ? `[${r.index}]` : ''}${r.id ? ` ${r.id}` : ''}: ${r.reasons.join('; ')}\n`);
    for (const [field, count] of Object.entries(report.ignoredFields)) process.stdout.write(`  ignored field ${field} (${count} records): not kept by this directory\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(64);
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`directory: cannot import.\n${error.message}\n`);
    process.exit(78);
  }
  const code = (error as { code?: unknown } | null)?.code;
  process.stderr.write(`directory: import failed: ${typeof code === 'string' ? `${code}: ` : ''}${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
