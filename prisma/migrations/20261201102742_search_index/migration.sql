-- Full-text search index (SQLite FTS5, trigram tokenizer: substring matches,
-- case-insensitive, as the search did by scanning before) over bulletin
-- titles and texts and advisory titles. External-content tables: the text
-- stays in "Bulletin" / "Advisory"; triggers keep the index in step with
-- every write, inside the writing transaction.
--
-- NOTE for migration checks: `prisma migrate diff` does not know virtual
-- tables. These two tables, their shadow tables (BulletinSearch_*,
-- AdvisorySearch_*) and the six triggers below are not in schema.prisma on
-- purpose; a diff between the migrations and the schema must ignore them.
-- PostgreSQL has no FTS5: there the search falls back to a scan (or
-- pg_trgm), and this migration is SQLite-only.

CREATE VIRTUAL TABLE "BulletinSearch" USING fts5("title", "rawText", content='Bulletin', content_rowid='number', tokenize='trigram');
CREATE VIRTUAL TABLE "AdvisorySearch" USING fts5("title", content='Advisory', content_rowid='number', tokenize='trigram');

CREATE TRIGGER "Bulletin_search_insert" AFTER INSERT ON "Bulletin" BEGIN
  INSERT INTO "BulletinSearch"(rowid, "title", "rawText") VALUES (new."number", new."title", new."rawText");
END;
CREATE TRIGGER "Bulletin_search_delete" AFTER DELETE ON "Bulletin" BEGIN
  INSERT INTO "BulletinSearch"("BulletinSearch", rowid, "title", "rawText") VALUES ('delete', old."number", old."title", old."rawText");
END;
CREATE TRIGGER "Bulletin_search_update" AFTER UPDATE OF "number", "title", "rawText" ON "Bulletin" BEGIN
  INSERT INTO "BulletinSearch"("BulletinSearch", rowid, "title", "rawText") VALUES ('delete', old."number", old."title", old."rawText");
  INSERT INTO "BulletinSearch"(rowid, "title", "rawText") VALUES (new."number", new."title", new."rawText");
END;

CREATE TRIGGER "Advisory_search_insert" AFTER INSERT ON "Advisory" BEGIN
  INSERT INTO "AdvisorySearch"(rowid, "title") VALUES (new."number", new."title");
END;
CREATE TRIGGER "Advisory_search_delete" AFTER DELETE ON "Advisory" BEGIN
  INSERT INTO "AdvisorySearch"("AdvisorySearch", rowid, "title") VALUES ('delete', old."number", old."title");
END;
CREATE TRIGGER "Advisory_search_update" AFTER UPDATE OF "number", "title" ON "Advisory" BEGIN
  INSERT INTO "AdvisorySearch"("AdvisorySearch", rowid, "title") VALUES ('delete', old."number", old."title");
  INSERT INTO "AdvisorySearch"(rowid, "title") VALUES (new."number", new."title");
END;

-- Rows already there (a database migrated before this index existed).
INSERT INTO "BulletinSearch"("BulletinSearch") VALUES ('rebuild');
INSERT INTO "AdvisorySearch"("AdvisorySearch") VALUES ('rebuild');
