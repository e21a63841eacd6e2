-- AlterTable
ALTER TABLE "Release" ADD COLUMN     "dom0Fedora" INTEGER,
ADD COLUMN     "supportEnd" TEXT,
ADD COLUMN     "supportStart" TEXT,
ADD COLUMN     "supportStatus" TEXT;

-- Old fixes cannot be turned into families and branches here: they are
-- dropped, and the importer version (lib/secpack/sync-steps.ts) changes, so
-- the next sync reads every bulletin again and writes them anew.
DELETE FROM "Fix";
DELETE FROM "SourceState" WHERE "name" = 'importer';

-- AlterTable
ALTER TABLE "Fix" DROP COLUMN "version",
ADD COLUMN     "distribution" TEXT,
ADD COLUMN     "family" TEXT NOT NULL,
ADD COLUMN     "releaseLine" TEXT,
ADD COLUMN     "releaseStage" TEXT;

-- CreateTable
CREATE TABLE "FixVersion" (
    "fixId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "version" TEXT NOT NULL,
    "branch" TEXT NOT NULL,

    CONSTRAINT "FixVersion_pkey" PRIMARY KEY ("fixId","position")
);

-- AddForeignKey
ALTER TABLE "FixVersion" ADD CONSTRAINT "FixVersion_fixId_fkey" FOREIGN KEY ("fixId") REFERENCES "Fix"("id") ON DELETE CASCADE ON UPDATE CASCADE;

