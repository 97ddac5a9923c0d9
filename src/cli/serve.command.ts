import type { Command } from 'commander';
import { pino } from 'pino';
import { buildHttpApp } from '../api/app.js';
import { loadConfig } from '../config.js';
import { DEMO_TENANT, seedDemo } from '../demo/seed.js';
import { buildLastmile } from '../main.js';
import { positiveInt } from './main.js';
import { stdout } from './output.js';

export function registerServeCommand(program: Command) {
  program
    .command('serve')
    .description('run the HTTP API and the background workers')
    .option('--port <n>', 'HTTP port (PORT, default 3000)', positiveInt)
    .option('--host <addr>', 'bind address (HOST, default 127.0.0.1)')
    .option('--demo', 'on an empty database, seed a demo tenant and print its API key')
    .action(async (opts: { port?: number; host?: string; demo?: boolean }) => {
      const config = loadConfig();
      if (opts.port !== undefined) config.port = opts.port;
      if (opts.host) config.host = opts.host;
      const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
      // Job and queue errors go to the same JSON log as the HTTP server's (no bodies, no secrets).
      const log = pino({ level: config.logLevel });
      const lm = await buildLastmile(config, { holder: { role: 'server', url }, log });
      const { tenants } = lm.services;
      const wasEmpty = (await tenants.listTenants()).length === 0;
      const banner: string[] = [];
      if (config.bootstrapApiKey) {
        const b = await tenants.bootstrap(config.bootstrapApiKey);
        if (b.created) banner.push('Created tenant "default" with the admin key from LASTMILE_BOOTSTRAP_API_KEY.');
      }
      if (opts.demo) {
        const seeded = wasEmpty ? await seedDemo(lm.services) : undefined;
        if (seeded) {
          banner.push(
            `Seeded tenant "${DEMO_TENANT}" with 2 warehouses, a catalog and ${seeded.orders} orders.`,
            `Demo API key (shown once, stored hashed): ${seeded.apiKey}`,
            `Demo sign-in (shown once, stored hashed): ${seeded.user.email} / ${seeded.user.password}`,
            `Try: curl -H "Authorization: Bearer ${seeded.apiKey}" ${url}/v1/orders?limit=5`,
          );
        } else {
          banner.push(
            'The database already has data, so no demo data was seeded and no new key printed.',
            'Lost the demo key? Stop the server, run `./bin/lastmile keys create --tenant demo --scopes admin`, and start it again.',
            'Lost the demo password? Stop the server, run `./bin/lastmile users reset-password --email demo@example.com`, and start it again.',
          );
        }
      }
      const app = await buildHttpApp(lm);
      const shutdown = async (signal: string) => {
        app.log.info({ signal }, 'shutting down');
        await app.close();
        await lm.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
      await app.listen({ port: config.port, host: config.host });
      await lm.startWorkers();
      const where = lm.database.engine === 'pglite' ? `embedded database in ${lm.database.location}` : `PostgreSQL ${lm.database.location}`;
      stdout(['', `lastmile is running at ${url} (${where})`, `API docs: ${url}/docs`, ...banner, ''].join('\n'));
    });
}
