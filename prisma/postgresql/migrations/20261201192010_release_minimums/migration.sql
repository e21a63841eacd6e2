-- CreateTable
CREATE TABLE "ReleaseMinimum" (
    "releaseName" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "family" TEXT NOT NULL,
    "package" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "distribution" TEXT,
    "branches" TEXT NOT NULL,
    "newerThan" TEXT NOT NULL,

    CONSTRAINT "ReleaseMinimum_pkey" PRIMARY KEY ("releaseName","position")
);

-- AddForeignKey
ALTER TABLE "ReleaseMinimum" ADD CONSTRAINT "ReleaseMinimum_releaseName_fkey" FOREIGN KEY ("releaseName") REFERENCES "Release"("name") ON DELETE CASCADE ON UPDATE CASCADE;


-- The minimum versions are stored by the sync's store step: a database synced
-- before this table existed has none. Changing the stored source hashes makes
-- the next sync a full one (it stores them); until then the release page
-- computes them from the fixes.
UPDATE "SourceState" SET "sha256" = "sha256" || ':before-release-minimums';
