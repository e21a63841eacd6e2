-- AlterTable
ALTER TABLE "Signature" ADD COLUMN "revisionsChecked" INTEGER;
ALTER TABLE "Signature" ADD COLUMN "signedCommit" TEXT;

-- CreateTable
CREATE TABLE "BulletinRevision" (
    "bulletinNumber" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "commit" TEXT NOT NULL,
    "authoredAt" DATETIME NOT NULL,
    "committedAt" DATETIME NOT NULL,
    "author" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "textBlob" TEXT,
    "changedText" BOOLEAN NOT NULL,
    "files" TEXT NOT NULL,

    PRIMARY KEY ("bulletinNumber", "position"),
    CONSTRAINT "BulletinRevision_bulletinNumber_fkey" FOREIGN KEY ("bulletinNumber") REFERENCES "Bulletin" ("number") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BulletinRevisionText" (
    "bulletinNumber" INTEGER NOT NULL,
    "blob" TEXT NOT NULL,
    "text" TEXT NOT NULL,

    PRIMARY KEY ("bulletinNumber", "blob"),
    CONSTRAINT "BulletinRevisionText_bulletinNumber_fkey" FOREIGN KEY ("bulletinNumber") REFERENCES "Bulletin" ("number") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "BulletinRevision_commit_idx" ON "BulletinRevision"("commit");

