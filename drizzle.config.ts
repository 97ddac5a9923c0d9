import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes SQL migrations from the schema; both engines run the same files.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/adapters/db/schema.ts',
  out: './src/adapters/db/migrations',
});
