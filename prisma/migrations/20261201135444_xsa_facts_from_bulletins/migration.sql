-- AlterTable
ALTER TABLE "Advisory" ADD COLUMN "titleBulletin" INTEGER;
ALTER TABLE "Advisory" ADD COLUMN "titleLine" INTEGER;
ALTER TABLE "Advisory" ADD COLUMN "titleSource" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AdvisoryCve" (
    "advisoryNumber" INTEGER NOT NULL,
    "cve" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'xen-index',
    "bulletinNumber" INTEGER,
    "line" INTEGER,

    PRIMARY KEY ("advisoryNumber", "cve"),
    CONSTRAINT "AdvisoryCve_advisoryNumber_fkey" FOREIGN KEY ("advisoryNumber") REFERENCES "Advisory" ("number") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_AdvisoryCve" ("advisoryNumber", "cve") SELECT "advisoryNumber", "cve" FROM "AdvisoryCve";
DROP TABLE "AdvisoryCve";
ALTER TABLE "new_AdvisoryCve" RENAME TO "AdvisoryCve";
CREATE INDEX "AdvisoryCve_cve_idx" ON "AdvisoryCve"("cve");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

