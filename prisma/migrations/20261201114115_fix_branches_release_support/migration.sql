-- AlterTable
ALTER TABLE "Release" ADD COLUMN "dom0Fedora" INTEGER;
ALTER TABLE "Release" ADD COLUMN "supportEnd" TEXT;
ALTER TABLE "Release" ADD COLUMN "supportStart" TEXT;
ALTER TABLE "Release" ADD COLUMN "supportStatus" TEXT;

-- CreateTable
CREATE TABLE "FixVersion" (
    "fixId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "version" TEXT NOT NULL,
    "branch" TEXT NOT NULL,

    PRIMARY KEY ("fixId", "position"),
    CONSTRAINT "FixVersion_fixId_fkey" FOREIGN KEY ("fixId") REFERENCES "Fix" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Fix" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "bulletinNumber" INTEGER NOT NULL,
    "releaseName" TEXT,
    "releaseStage" TEXT,
    "family" TEXT NOT NULL,
    "package" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "distribution" TEXT,
    "rawLine" TEXT NOT NULL,
    "releaseLine" TEXT,
    CONSTRAINT "Fix_bulletinNumber_fkey" FOREIGN KEY ("bulletinNumber") REFERENCES "Bulletin" ("number") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Fix_releaseName_fkey" FOREIGN KEY ("releaseName") REFERENCES "Release" ("name") ON DELETE SET NULL ON UPDATE CASCADE
);
-- Old fixes cannot be turned into families and branches here: they are
-- dropped, and the importer version (lib/secpack/sync-steps.ts) changes, so
-- the next sync reads every bulletin again and writes them anew.
DELETE FROM "SourceState" WHERE "name" = 'importer';
DROP TABLE "Fix";
ALTER TABLE "new_Fix" RENAME TO "Fix";
CREATE INDEX "Fix_bulletinNumber_idx" ON "Fix"("bulletinNumber");
CREATE INDEX "Fix_releaseName_idx" ON "Fix"("releaseName");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

