-- CreateTable
CREATE TABLE "SecpackTag" (
    "name" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "tagger" TEXT,
    "taggedAt" TIMESTAMP(3),
    "message" TEXT NOT NULL,
    "onSyncedCommit" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "fingerprint" TEXT,
    "issuerKeyId" TEXT,
    "signedAt" TIMESTAMP(3),
    "hashAlgorithm" TEXT,
    "certifiedByMaster" BOOLEAN NOT NULL DEFAULT false,
    "signerUserId" TEXT,

    CONSTRAINT "SecpackTag_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "SecpackProvenance" (
    "id" INTEGER NOT NULL,
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
    "note" TEXT,

    CONSTRAINT "SecpackProvenance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SecpackTag_target_idx" ON "SecpackTag"("target");

