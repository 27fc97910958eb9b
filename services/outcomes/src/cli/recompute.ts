import { parseArgs } from 'node:util';
import { ConfigError } from '@stepwell/config';
import { openReadModelDataSource } from '@stepwell/read-models';
import { loadOutcomesConfig } from '../config';
import { ruleSets } from '../domain';
import { recomputeOutcomes } from '../recompute/recompute-outcomes';
import { outcomesReadModels } from '../read-models/read-models';

/**
 * `npm run outcomes:recompute -- --rule-set <version>`: applies a rule set to all history (every ended episode)
 * and keeps the results beside those of other rule sets. Events are never rewritten. Exit codes: 64 usage,
 * 78 configuration, 1 failure.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'rule-set': { type: 'string' } }, strict: true });
  const version = values['rule-set'];
  if (!version) {
    process.stderr.write(`usage: npm run outcomes:recompute -- --rule-set <version>  (known: ${ruleSets.all.map((r) => r.version).join(', ')})\n`);
    process.exit(64);
  }
  const ruleSet = ruleSets.byVersion(version);
  const dataSource = await openReadModelDataSource(outcomesReadModels(loadOutcomesConfig()));
  try {
    const report = await recomputeOutcomes(dataSource, ruleSet, new Date());
    process.stdout.write(`outcomes: recomputed ${report.episodes} ended episodes under rule set ${report.ruleSetVersion} (${report.skippedOpen} open episodes skipped)\n`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`outcomes: cannot recompute.\n${error.message}\n`);
    process.exit(78);
  }
  const code = (error as { code?: unknown }).code;
  process.stderr.write(`outcomes: recompute failed: ${typeof code === 'string' ? `${code}: ` : ''}${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
