-- The full-text index of the SQLite migration of the same name (FTS5
-- virtual tables "BulletinSearch" and "AdvisorySearch" with their triggers)
-- has no PostgreSQL counterpart yet: on PostgreSQL the search reads the
-- tables (lib/queries/search-text.ts says so). Nothing to change here; the
-- folder exists so that both databases have the same migrations.
SELECT 1;
