-- CreateTable
CREATE TABLE "SecpackTag" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "target" TEXT NOT NULL,
    "tagger" TEXT,
    "taggedAt" DATETIME,
    "message" TEXT NOT NULL,
    "onSyncedCommit" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "fingerprint" TEXT,
    "issuerKeyId" TEXT,
    "signedAt" DATETIME,
    "hashAlgorithm" TEXT,
    "certifiedByMaster" BOOLEAN NOT NULL DEFAULT false,
    "signerUserId" TEXT
);

-- CreateTable
CREATE TABLE "SecpackProvenance" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "location" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "commit" TEXT,
    "commitDate" TEXT,
    "commitSubject" TEXT,
    "vouchedCommit" TEXT,
    "vouchedCommitDate" TEXT,
    "changedSince" TEXT NOT NULL,
    "tagsTotal" INTEGER NOT NULL,
    "tagsValid" INTEGER NOT NULL,
    "note" TEXT
);

-- CreateIndex
CREATE INDEX "SecpackTag_target_idx" ON "SecpackTag"("target");

