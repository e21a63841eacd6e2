-- AlterTable
ALTER TABLE "Release" ADD COLUMN     "supportStale" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "supportSyncedAt" TIMESTAMP(3);

