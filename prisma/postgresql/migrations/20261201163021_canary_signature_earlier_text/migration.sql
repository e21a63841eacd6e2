-- AlterTable
ALTER TABLE "CanarySignature" ADD COLUMN     "revisionsChecked" INTEGER,
ADD COLUMN     "signedCommit" TEXT;

