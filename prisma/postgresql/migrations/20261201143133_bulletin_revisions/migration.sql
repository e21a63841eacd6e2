-- AlterTable
ALTER TABLE "Signature" ADD COLUMN     "revisionsChecked" INTEGER,
ADD COLUMN     "signedCommit" TEXT;

-- CreateTable
CREATE TABLE "BulletinRevision" (
    "bulletinNumber" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "commit" TEXT NOT NULL,
    "authoredAt" TIMESTAMP(3) NOT NULL,
    "committedAt" TIMESTAMP(3) NOT NULL,
    "author" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "textBlob" TEXT,
    "changedText" BOOLEAN NOT NULL,
    "files" TEXT NOT NULL,

    CONSTRAINT "BulletinRevision_pkey" PRIMARY KEY ("bulletinNumber","position")
);

-- CreateTable
CREATE TABLE "BulletinRevisionText" (
    "bulletinNumber" INTEGER NOT NULL,
    "blob" TEXT NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "BulletinRevisionText_pkey" PRIMARY KEY ("bulletinNumber","blob")
);

-- CreateIndex
CREATE INDEX "BulletinRevision_commit_idx" ON "BulletinRevision"("commit");

-- AddForeignKey
ALTER TABLE "BulletinRevision" ADD CONSTRAINT "BulletinRevision_bulletinNumber_fkey" FOREIGN KEY ("bulletinNumber") REFERENCES "Bulletin"("number") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BulletinRevisionText" ADD CONSTRAINT "BulletinRevisionText_bulletinNumber_fkey" FOREIGN KEY ("bulletinNumber") REFERENCES "Bulletin"("number") ON DELETE CASCADE ON UPDATE CASCADE;

