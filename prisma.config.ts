// Prisma CLI configuration. The app itself does not use the CLI at runtime:
// scripts/setup/10-database.mjs runs `prisma generate` and applies
// prisma/migrations with its own small runner (no schema-engine download).
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'file:./data/cnn-studio.db' },
});
