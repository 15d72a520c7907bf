import { defineConfig } from "drizzle-kit";

// The PostgreSQL schema's migrations (issue #17), beside the SQLite ones in ./drizzle: `npm run db:generate:pg`.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema-pg.ts",
  out: "./drizzle/postgres",
});
