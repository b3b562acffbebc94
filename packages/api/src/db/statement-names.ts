import { createHash } from 'node:crypto';

/** Distinct statements one connection prepares at most; later ones run unnamed (planned each time). */
export const MAX_PREPARED_PER_CONNECTION = 1_000;

interface QueryConfig {
  text: string;
  values?: unknown[];
  name?: string;
}

const isQueryConfig = (value: unknown): value is QueryConfig =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as QueryConfig).text === 'string' &&
  typeof (value as { submit?: unknown }).submit !== 'function';

/**
 * Names each parameterized statement after a digest of its text, so that `pg` prepares it once per
 * connection and PostgreSQL plans it once instead of at every execution (a join of eight tables
 * costs it more to plan than to run). The same text always gets the same name, which `pg` requires;
 * Values may come in the config or beside it (`query(config, values)`); the named config carries them.
 * `prepared` remembers the names of this connection to stay within MAX_PREPARED_PER_CONNECTION.
 */
export function nameStatement(query: unknown, values: unknown, prepared: Set<string>): unknown {
  const separate = Array.isArray(values) ? values : undefined;
  const config: QueryConfig | null = isQueryConfig(query)
    ? { ...query, values: query.values ?? separate }
    : typeof query === 'string' && separate
      ? { text: query, values: separate }
      : null;
  if (!config || config.name || !config.values?.length) return query;
  const name = `s_${createHash('sha1').update(config.text).digest('base64url')}`;
  if (!prepared.has(name)) {
    if (prepared.size >= MAX_PREPARED_PER_CONNECTION) return query;
    prepared.add(name);
  }
  return { ...config, name };
}
