import { Logger } from '@nestjs/common';
import { AppConfig, ConfigError } from './config/app-config.js';
import { warnIfEnvFileReadable } from './config/env-file.js';
import { AdminAuthService } from './admin/index.js';
import { createHttpApp } from './http-app.js';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = AppConfig.fromProcess();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const app = await createHttpApp(config);
  // A .env other users may read gives its secrets away: one warning line, through the app's logger.
  warnIfEnvFileReadable((message) => new Logger('Config').warn(message));
  app.enableShutdownHooks();
  try {
    await app.listen(config.port, config.host);
  } catch (error) {
    // EADDRINUSE, EACCES, ENOTFOUND…: name the settings that chose the address.
    throw new Error(`cannot listen on HOST=${config.host} PORT=${config.port}: ${(error as Error).message}`, { cause: error });
  }
  const { port } = app.getHttpServer().address() as { port: number };
  const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
  console.log(`HoliBot is listening on http://${shown}:${port} (database: ${config.database.type}; API docs: /api/docs)`);
  // No admin yet: a one-time way in, instead of any default password.
  const setupToken = await app.get(AdminAuthService).setupTokenIfNoAdmin();
  if (setupToken) {
    const base = config.publicUrl ?? `http://${shown}:${port}`;
    console.log(
      `No admin user yet. Create the first one within the hour at this one-time link:\n` +
        `  ${base}/admin/setup#token=${setupToken}\n` +
        `or at any time: npm run holibot -- admin create --email you@example.com`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(`HoliBot could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
