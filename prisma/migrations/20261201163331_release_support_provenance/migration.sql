-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Release" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "sortKey" INTEGER NOT NULL,
    "supportStart" TEXT,
    "supportEnd" TEXT,
    "supportStatus" TEXT,
    "dom0Fedora" INTEGER,
    "supportSyncedAt" DATETIME,
    "supportStale" BOOLEAN NOT NULL DEFAULT false
);
INSERT INTO "new_Release" ("dom0Fedora", "name", "sortKey", "supportEnd", "supportStart", "supportStatus") SELECT "dom0Fedora", "name", "sortKey", "supportEnd", "supportStart", "supportStatus" FROM "Release";
DROP TABLE "Release";
ALTER TABLE "new_Release" RENAME TO "Release";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

