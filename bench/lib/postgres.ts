// A throw-away schema for a benchmark run against PostgreSQL (the server creates it; we drop it after).
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export function benchSchemaName(): string {
  return `bench_${randomBytes(4).toString('hex')}`;
}

/** Drops the schema and the job queue schema the server makes beside it (`<schema>_boss`). */
export async function dropSchema(connectionString: string, schema: string): Promise<void> {
  if (!/^bench_[a-f0-9]+$/.test(schema)) throw new Error(`Refusing to drop ${schema}: not a benchmark schema`);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.query(`DROP SCHEMA IF EXISTS "${schema}_boss" CASCADE`);
  } finally {
    await client.end();
  }
}
