-- A trigram index for the free-text search on PostgreSQL (pg_trgm, shipped
-- with PostgreSQL; Debian's postgresql-15 has it): LIKE '%word%' on the
-- lower-cased title and text finds its candidate rows through the index, as
-- SQLite's FTS5 trigram index does (migration *_search_index);
-- lib/queries/search-text.ts then checks and ranks them as before.
--
-- NOTE for migration checks: these are expression indexes, which Prisma's
-- schema cannot describe and `prisma db pull` leaves out; they are not in
-- schema.prisma on purpose.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "Bulletin_search_trgm" ON "Bulletin" USING gin ((lower(coalesce("title", '') || ' ' || "rawText")) gin_trgm_ops);
CREATE INDEX "Advisory_search_trgm" ON "Advisory" USING gin ((lower("title")) gin_trgm_ops);
