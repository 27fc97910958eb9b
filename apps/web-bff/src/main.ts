import { createBffApp } from './app';
import { loadBffConfig } from './config';

/** `node apps/web-bff/dist/main.js`: the clinician web app and its API proxy on one origin. */
async function main(): Promise<void> {
  const config = loadBffConfig();
  const app = await createBffApp(config);
  app.enableShutdownHooks();
  await app.listen(config.PORT, config.HOST);
  console.log(`web app on http://${config.HOST}:${config.PORT} (local log-in ${config.localLogin ? 'on: choose a demo user' : 'off'})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
