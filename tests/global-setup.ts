import type { TestProject } from 'vitest/node';
import postgres from 'postgres';
import { migratePostgresWithLock } from '../db/client';

/**
 * With DATABASE_URL set, the suite runs on PostgreSQL: one migrated template database per run, and every test
 * file gets its own copy of it (CREATE DATABASE … TEMPLATE), so files run in parallel without seeing each
 * other's rows. All of this run's databases are dropped at the end. Without DATABASE_URL, each file uses an
 * in-memory PGlite and nothing needs to be set up here.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    postgresTemplate: { adminUrl: string; template: string; prefix: string } | null;
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    project.provide('postgresTemplate', null);
    return;
  }
  const prefix = `minka_test_${Date.now().toString(36)}_${process.pid}`;
  const template = `${prefix}_template`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${template}"`);
  await migratePostgresWithLock(withDatabase(url, template));
  project.provide('postgresTemplate', { adminUrl: url, template, prefix });

  return async () => {
    const rows = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${prefix + '%'}`;
    for (const { datname } of rows) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    await admin.end();
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
