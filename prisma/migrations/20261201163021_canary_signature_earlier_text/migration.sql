-- AlterTable
ALTER TABLE "CanarySignature" ADD COLUMN "revisionsChecked" INTEGER;
ALTER TABLE "CanarySignature" ADD COLUMN "signedCommit" TEXT;

