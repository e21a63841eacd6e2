-- The trigram indexes of the PostgreSQL migration of the same name (pg_trgm)
-- have their SQLite counterpart in the FTS5 tables of *_search_index.
-- Nothing to change here; the folder exists so that both databases have the
-- same migrations.
SELECT 1;
