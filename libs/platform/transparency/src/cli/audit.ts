#!/usr/bin/env node
// `npm run audit -- verify <report.json> --heads <file>`: offline verification, no database, no network.
// `npm run audit -- export --service <name> --heads <file> --out <report.json>`: the log as the database holds it now.
// `npm run audit -- case-history --patient <id> --services <name=url,...> [--as-of <instant>]`: one patient, verified.
import { runAudit } from './audit-command';

void runAudit(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
}).then((code) => {
  process.exitCode = code;
});
