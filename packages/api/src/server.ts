import closeWithGrace from 'close-with-grace';
import { databaseOptions, loadConfig, secretsKey } from './config.js';
import { startEmbeddedDatabase } from './db/embedded.js';
import { embeddedConnections } from './db/options.js';
import { restoreDemoFiles, startingTemplate } from './db/templates.js';
import { createSecretBox } from './lib/secret-box.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  console.error(`Saishi cannot start: ${(error as Error).message}`);
  process.exit(1);
}

// The embedded database's thread starts first, before this one loads the rest of the API (the
// database driver included): its start is the longest part of a cold start. On a new data folder it
// starts from the build's template, migrated and with the demo data when it is wanted.
const options = databaseOptions(config);
const template = await startingTemplate({ url: options.url, dataDir: options.dataDir, demo: config.SEED_DEMO });
const embedded = options.url
  ? undefined
  : startEmbeddedDatabase({
      dataDir: options.dataDir,
      maxConnections: embeddedConnections(options.pool),
      loadDataDir: template?.data,
    });
embedded?.catch(() => {}); // the database's connections wait for it; not an unhandled rejection meanwhile
const [{ openDatabase }, { buildApp }, { ensureAdmin }, { createStorage }, { seedDemo }, { sealPlainWebhookSecrets }] =
  await Promise.all([
    import('./db/client.js'),
    import('./app.js'),
    import('./modules/accounts/service.js'),
    import('./plugins/storage.js'),
    import('./seed/index.js'),
    import('./modules/webhooks/secrets.js'),
  ]);
// The app is built while the embedded database's thread still starts: building it asks nothing of
// the database (the job runner and the health check start when it is ready, after the migrations).
const database = await openDatabase({ ...options, embedded });
const storage = createStorage(config);
const app = await buildApp({
  config,
  database,
  storage,
  logger:
    config.NODE_ENV === 'development'
      ? {
          level: config.LOG_LEVEL,
          transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } },
        }
      : { level: config.LOG_LEVEL },
});

// Replicas started together (docker compose, a rolling deploy) take turns: the first migrates and
// loads the demo data, the next ones find it done.
await database.exclusively(async () => {
  if (template?.files) await restoreDemoFiles(template.files, storage);
  await database.migrate();
  // Webhook secrets of an earlier version, kept in plain text, are encrypted once.
  await sealPlainWebhookSecrets(database.db, createSecretBox(secretsKey(config)));
  if (config.SEED_DEMO) await seedDemo(database.db, { storage });
});

if (config.ADMIN_EMAIL && config.ADMIN_PASSWORD) {
  const admin = { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD };
  await database.exclusively(() => ensureAdmin(app.deps, admin));
}

// Requests in flight when the shutdown starts are answered with `Connection: close`: a keep-alive
// connection would otherwise stay open after its last answer and hold the drain until the client
// drops it (a browser keeps one for minutes), past the grace delay.
let closing = false;
app.addHook('onSend', async (_request, reply) => {
  if (closing) reply.header('connection', 'close');
});

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  closing = true;
  if (err) app.log.error({ err }, 'shutting down after an error');
  else app.log.info({ signal }, 'shutting down');
  await app.close();
  await database.close();
});

const address = await app.listen({ host: config.HOST, port: config.PORT });
const where = address.replace('127.0.0.1', 'localhost');
app.log.info(
  `Saishi is running (${database.kind === 'pglite' ? `embedded database in ${config.DATA_DIR}` : 'PostgreSQL'})`,
);
console.log(
  `\n  Saishi 赛事\n  Admin:    ${where}/admin/\n  API:      ${where}/api/v1/editions/current\n  API docs: ${where}/docs\n`,
);
