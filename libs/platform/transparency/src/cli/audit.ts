#!/usr/bin/env node
// `npm run audit -- verify <report.json> --heads <file>`: offline verification, no database, no network.
import { runAuditCommand } from './audit-command';

process.exitCode = runAuditCommand(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
