import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/tables.ts',
  // MIGRATIONS_OUT: another folder (relative to this one), e.g. the drift check's copy of drizzle/.
  out: process.env.MIGRATIONS_OUT ?? './drizzle',
  casing: 'snake_case',
});
