-- CreateTable
CREATE TABLE "Canary" (
    "number" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "fileName" TEXT NOT NULL,
    "sourcePath" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "titleNumber" INTEGER,
    "date" TEXT,
    "statedBulletins" INTEGER,
    "countedBulletins" INTEGER,
    "statedMasterFingerprint" TEXT,
    "preamble" TEXT,
    "statements" TEXT NOT NULL,
    "nextDueFrom" TEXT,
    "nextDueUntil" TEXT,
    "nextDueText" TEXT,
    "specialAnnouncements" TEXT,
    "freshnessTimestamp" TEXT,
    "freshnessHeadlines" TEXT NOT NULL,
    "blockHash" TEXT,
    "rawText" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "signatureStatus" TEXT NOT NULL,
    "signers" TEXT NOT NULL,
    "signersAdded" TEXT NOT NULL,
    "signersRemoved" TEXT NOT NULL,
    "statementsChanged" TEXT NOT NULL,
    "warnings" TEXT NOT NULL,
    "inIndex" BOOLEAN NOT NULL DEFAULT false,
    "indexDate" TEXT,
    "secpackCommit" TEXT
);

-- CreateTable
CREATE TABLE "CanaryAttachment" (
    "fileName" TEXT NOT NULL PRIMARY KEY,
    "canaryNumber" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "sourcePath" TEXT NOT NULL,
    "rawText" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "signatureStatus" TEXT NOT NULL,
    CONSTRAINT "CanaryAttachment_canaryNumber_fkey" FOREIGN KEY ("canaryNumber") REFERENCES "Canary" ("number") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CanarySignature" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "canaryNumber" INTEGER NOT NULL,
    "attachmentFile" TEXT,
    "fileName" TEXT NOT NULL,
    "signer" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "fingerprint" TEXT,
    "issuerKeyId" TEXT,
    "createdAt" DATETIME,
    "hashAlgorithm" TEXT,
    "weakHash" BOOLEAN NOT NULL DEFAULT false,
    "certifiedByMaster" BOOLEAN NOT NULL DEFAULT false,
    "signerUserId" TEXT,
    CONSTRAINT "CanarySignature_canaryNumber_fkey" FOREIGN KEY ("canaryNumber") REFERENCES "Canary" ("number") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CanarySignature_attachmentFile_fkey" FOREIGN KEY ("attachmentFile") REFERENCES "CanaryAttachment" ("fileName") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Canary_fileName_key" ON "Canary"("fileName");

-- CreateIndex
CREATE INDEX "CanaryAttachment_canaryNumber_idx" ON "CanaryAttachment"("canaryNumber");

-- CreateIndex
CREATE UNIQUE INDEX "CanarySignature_fileName_key" ON "CanarySignature"("fileName");

-- CreateIndex
CREATE INDEX "CanarySignature_canaryNumber_idx" ON "CanarySignature"("canaryNumber");

