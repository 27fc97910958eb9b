// The late-commit stress run at full size: 100,000 events from 16 writers committing after random delays (some
// after their positions are drawn), 3 catch-up readers over $all plus a durable category subscription, and the
// naive "id > last" control that must skip. `npm test` runs the same code with 5,000 events (CI budget on
// 2 cores); this runs STRESS_EVENTS (default 100,000). Build first (`npm run build`), then
// `node libs/platform/event-store/bench/late-commit-stress.mjs`. Exits non-zero on any skip, duplicate or reorder.
//
// Uses DATABASE_URL when set; otherwise starts its own embedded PostgreSQL with default, durable settings.
import { loadavg } from 'node:os';
import { withBenchDatabase } from './bench-database.mjs';
import { runLateCommitStress } from '../dist/postgres/late-commit-stress.js';

const EVENTS = Number(process.env.STRESS_EVENTS ?? 100_000);

async function main() {
  await withBenchDatabase('stress_event_store', (line) => console.log(`  … ${line}`), async (connectionString) => {
    console.log(`  … ${EVENTS} events, 16 writers, 3 readers + 1 subscription; load average ${loadavg()[0].toFixed(1)}`);
    const report = await runLateCommitStress({ connectionString, events: EVENTS, progress: (line) => console.log(`  … ${line}`) });
    console.log(`\n${report.appended} events appended (the held one included), ${report.logLength} in the log, ${report.seconds.toFixed(1)} s`);
    console.log(`log defects ${report.logDefects}, per-stream order defects ${report.streamOrderDefects}`);
    console.log('| reader | delivered | skipped | duplicated | out of order |');
    console.log('|---|---:|---:|---:|---:|');
    for (const reader of [...report.readers, report.control]) {
      console.log(`| ${reader.name} | ${reader.delivered} | ${reader.skipped} | ${reader.duplicated} | ${reader.outOfOrder} |`);
    }
    console.log(`control skipped the held late commit: ${report.control.heldEventSkipped ? 'yes' : 'NO'}`);
    const clean =
      report.logLength === EVENTS + 1 &&
      report.logDefects === 0 &&
      report.streamOrderDefects === 0 &&
      report.readers.every((reader) => reader.skipped === 0 && reader.duplicated === 0 && reader.outOfOrder === 0) &&
      report.control.heldEventSkipped;
    if (!clean) {
      console.error('FAILED: see the table above');
      process.exitCode = 1;
    }
  });
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
