import { ConfigError } from '@stepwell/config';
import { serviceLogger } from '@stepwell/http';
import { createBffApp } from './app';
import { loadBffConfig } from './config';

/** `node apps/web-bff/dist/main.js`: the clinician web app and its API proxy on one origin. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadBffConfig();
  } catch (error) {
    // As a service does (bootstrapService): every wrong variable named, exit 78 (EX_CONFIG).
    if (error instanceof ConfigError) {
      process.stderr.write(`web-bff: cannot start.\n${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const logger = serviceLogger('web-bff', config);
  try {
    const app = await createBffApp(config, { logger });
    app.enableShutdownHooks();
    await app.listen(config.PORT, config.HOST);
    logger.log(`web app on http://${config.HOST}:${config.PORT} (local log-in ${config.localLogin ? 'on: choose a demo user' : 'off'})`);
  } catch (error) {
    logger.fatal(`web-bff failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  }
}

void main();
