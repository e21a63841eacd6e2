-- CreateTable
CREATE TABLE "Bulletin" (
    "number" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "fileName" TEXT NOT NULL,
    "sourcePath" TEXT NOT NULL,
    "secpackCommit" TEXT,
    "date" TEXT,
    "title" TEXT,
    "titleSource" TEXT,
    "rawText" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "signatureStatus" TEXT NOT NULL DEFAULT 'unsigned',
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "BulletinChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "bulletinNumber" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "date" TEXT,
    "text" TEXT NOT NULL,
    CONSTRAINT "BulletinChange_bulletinNumber_fkey" FOREIGN KEY ("bulletinNumber") REFERENCES "Bulletin" ("number") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BulletinAction" (
    "bulletinNumber" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "detail" TEXT NOT NULL,

    PRIMARY KEY ("bulletinNumber", "action"),
    CONSTRAINT "BulletinAction_bulletinNumber_fkey" FOREIGN KEY ("bulletinNumber") REFERENCES "Bulletin" ("number") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BulletinUrl" (
    "bulletinNumber" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "url" TEXT NOT NULL,

    PRIMARY KEY ("bulletinNumber", "label"),
    CONSTRAINT "BulletinUrl_bulletinNumber_fkey" FOREIGN KEY ("bulletinNumber") REFERENCES "Bulletin" ("number") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Advisory" (
    "number" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "date" TEXT,
    "title" TEXT,
    "qubesAffected" TEXT NOT NULL DEFAULT 'unknown',
    "trackerQsb" TEXT,
    "inTracker" BOOLEAN NOT NULL DEFAULT false,
    "inXenIndex" BOOLEAN NOT NULL DEFAULT false
);

-- CreateTable
CREATE TABLE "AdvisoryCve" (
    "advisoryNumber" INTEGER NOT NULL,
    "cve" TEXT NOT NULL,

    PRIMARY KEY ("advisoryNumber", "cve"),
    CONSTRAINT "AdvisoryCve_advisoryNumber_fkey" FOREIGN KEY ("advisoryNumber") REFERENCES "Advisory" ("number") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BulletinAdvisory" (
    "bulletinNumber" INTEGER NOT NULL,
    "advisoryNumber" INTEGER NOT NULL,
    "relation" TEXT NOT NULL,
    "source" TEXT NOT NULL,

    PRIMARY KEY ("bulletinNumber", "advisoryNumber"),
    CONSTRAINT "BulletinAdvisory_bulletinNumber_fkey" FOREIGN KEY ("bulletinNumber") REFERENCES "Bulletin" ("number") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BulletinAdvisory_advisoryNumber_fkey" FOREIGN KEY ("advisoryNumber") REFERENCES "Advisory" ("number") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BulletinReference" (
    "fromNumber" INTEGER NOT NULL,
    "toNumber" INTEGER NOT NULL,
    "relation" TEXT NOT NULL DEFAULT 'references',

    PRIMARY KEY ("fromNumber", "toNumber"),
    CONSTRAINT "BulletinReference_fromNumber_fkey" FOREIGN KEY ("fromNumber") REFERENCES "Bulletin" ("number") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AdvisoryRelation" (
    "fromNumber" INTEGER NOT NULL,
    "toNumber" INTEGER NOT NULL,
    "relation" TEXT NOT NULL,
    "bulletinNumber" INTEGER NOT NULL,
    "evidence" TEXT NOT NULL,

    PRIMARY KEY ("fromNumber", "toNumber"),
    CONSTRAINT "AdvisoryRelation_fromNumber_fkey" FOREIGN KEY ("fromNumber") REFERENCES "Advisory" ("number") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AdvisoryRelation_toNumber_fkey" FOREIGN KEY ("toNumber") REFERENCES "Advisory" ("number") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Release" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "sortKey" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "Fix" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "bulletinNumber" INTEGER NOT NULL,
    "releaseName" TEXT,
    "package" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "rawLine" TEXT NOT NULL,
    CONSTRAINT "Fix_bulletinNumber_fkey" FOREIGN KEY ("bulletinNumber") REFERENCES "Bulletin" ("number") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Fix_releaseName_fkey" FOREIGN KEY ("releaseName") REFERENCES "Release" ("name") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SigningKey" (
    "fingerprint" TEXT NOT NULL PRIMARY KEY,
    "keyId" TEXT NOT NULL,
    "userIds" TEXT NOT NULL,
    "sourcePath" TEXT NOT NULL,
    "createdAt" DATETIME,
    "certifiedByMaster" BOOLEAN NOT NULL DEFAULT false,
    "isMaster" BOOLEAN NOT NULL DEFAULT false
);

-- CreateTable
CREATE TABLE "Signature" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "bulletinNumber" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "signer" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "reason" TEXT,
    "fingerprint" TEXT,
    "issuerKeyId" TEXT,
    "createdAt" DATETIME,
    "hashAlgorithm" TEXT,
    "weakHash" BOOLEAN NOT NULL DEFAULT false,
    "certifiedByMaster" BOOLEAN NOT NULL DEFAULT false,
    "signerUserId" TEXT,
    "verifiedInput" TEXT,
    CONSTRAINT "Signature_bulletinNumber_fkey" FOREIGN KEY ("bulletinNumber") REFERENCES "Bulletin" ("number") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Signature_fingerprint_fkey" FOREIGN KEY ("fingerprint") REFERENCES "SigningKey" ("fingerprint") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Warning" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "bulletinNumber" INTEGER,
    "advisoryNumber" INTEGER,
    "file" TEXT,
    "line" INTEGER,
    "message" TEXT NOT NULL,
    CONSTRAINT "Warning_bulletinNumber_fkey" FOREIGN KEY ("bulletinNumber") REFERENCES "Bulletin" ("number") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SourceState" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "location" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "commit" TEXT
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "status" TEXT NOT NULL,
    "secpackSource" TEXT NOT NULL,
    "secpackCommit" TEXT,
    "trackerSource" TEXT NOT NULL,
    "qsbIndexSource" TEXT NOT NULL,
    "xenIndexSource" TEXT,
    "counts" TEXT NOT NULL,
    "warningCount" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "Bulletin_fileName_key" ON "Bulletin"("fileName");

-- CreateIndex
CREATE INDEX "BulletinChange_bulletinNumber_idx" ON "BulletinChange"("bulletinNumber");

-- CreateIndex
CREATE INDEX "AdvisoryCve_cve_idx" ON "AdvisoryCve"("cve");

-- CreateIndex
CREATE INDEX "BulletinAdvisory_advisoryNumber_idx" ON "BulletinAdvisory"("advisoryNumber");

-- CreateIndex
CREATE INDEX "BulletinReference_toNumber_idx" ON "BulletinReference"("toNumber");

-- CreateIndex
CREATE INDEX "AdvisoryRelation_toNumber_idx" ON "AdvisoryRelation"("toNumber");

-- CreateIndex
CREATE INDEX "Fix_bulletinNumber_idx" ON "Fix"("bulletinNumber");

-- CreateIndex
CREATE INDEX "Fix_releaseName_idx" ON "Fix"("releaseName");

-- CreateIndex
CREATE UNIQUE INDEX "Signature_fileName_key" ON "Signature"("fileName");

-- CreateIndex
CREATE INDEX "Signature_bulletinNumber_idx" ON "Signature"("bulletinNumber");

-- CreateIndex
CREATE INDEX "Warning_kind_idx" ON "Warning"("kind");

-- CreateIndex
CREATE INDEX "Warning_bulletinNumber_idx" ON "Warning"("bulletinNumber");

-- CreateIndex
CREATE INDEX "Warning_advisoryNumber_idx" ON "Warning"("advisoryNumber");

