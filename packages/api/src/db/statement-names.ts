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
 * Statement names remembered by text: at most this many texts of at most this length (a bulk
 * insert's text grows with its rows, and is hashed each time), a few MiB at worst.
 */
const MAX_NAMED_TEXTS = 2_000;
const MAX_NAMED_TEXT_LENGTH = 4_096;
const namesByText = new Map<string, string>();

/**
 * A statement's name: a digest of its text, remembered, since the same texts come back on every
 * request (the SHA-1 of the projects list's 2 KB text showed in its CPU profile).
 */
function statementName(text: string): string {
  let name = namesByText.get(text);
  if (name === undefined) {
    name = `s_${createHash('sha1').update(text).digest('base64url')}`;
    if (namesByText.size < MAX_NAMED_TEXTS && text.length <= MAX_NAMED_TEXT_LENGTH) namesByText.set(text, name);
  }
  return name;
}

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
  const name = statementName(config.text);
  if (!prepared.has(name)) {
    if (prepared.size >= MAX_PREPARED_PER_CONNECTION) return query;
    prepared.add(name);
  }
  return { ...config, name };
}
