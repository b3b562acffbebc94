/**
 * The baseline of the read benchmark: a bare Fastify 5 server with one pg pool, answering one
 * indexed SELECT of the edition by its code, as JSON. What a hand-written endpoint on the same
 * machine, the same database and the same Node costs; the API's reads are reported as ratios of it.
 * Started by `bench/reads.ts` with `DATABASE_URL`; prints its port on stdout.
 */
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify({ logger: false });

app.get('/bare/edition', async () => {
  const { rows } = await pool.query<{ id: string; code: string; name: string; year: number }>(
    'SELECT id, code, name, year FROM editions WHERE code = $1',
    ['2024-guangxi'],
  );
  return rows[0] ?? null;
});

app.get('/bare/hello', async () => ({ hello: 'world' }));

await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('no port');
console.log(`port=${address.port}`);

process.on('SIGTERM', () => {
  void app.close().then(() => pool.end().then(() => process.exit(0)));
});
