-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Bulletin" (
    "number" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "sourcePath" TEXT NOT NULL,
    "secpackCommit" TEXT,
    "date" TEXT,
    "title" TEXT,
    "titleSource" TEXT,
    "rawText" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "signatureStatus" TEXT NOT NULL DEFAULT 'unsigned',
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Bulletin_pkey" PRIMARY KEY ("number")
);

-- CreateTable
CREATE TABLE "BulletinChange" (
    "id" SERIAL NOT NULL,
    "bulletinNumber" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "date" TEXT,
    "text" TEXT NOT NULL,

    CONSTRAINT "BulletinChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BulletinAction" (
    "bulletinNumber" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "detail" TEXT NOT NULL,

    CONSTRAINT "BulletinAction_pkey" PRIMARY KEY ("bulletinNumber","action")
);

-- CreateTable
CREATE TABLE "BulletinUrl" (
    "bulletinNumber" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "url" TEXT NOT NULL,

    CONSTRAINT "BulletinUrl_pkey" PRIMARY KEY ("bulletinNumber","label")
);

-- CreateTable
CREATE TABLE "Advisory" (
    "number" INTEGER NOT NULL,
    "date" TEXT,
    "title" TEXT,
    "qubesAffected" TEXT NOT NULL DEFAULT 'unknown',
    "trackerQsb" TEXT,
    "inTracker" BOOLEAN NOT NULL DEFAULT false,
    "inXenIndex" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Advisory_pkey" PRIMARY KEY ("number")
);

-- CreateTable
CREATE TABLE "AdvisoryCve" (
    "advisoryNumber" INTEGER NOT NULL,
    "cve" TEXT NOT NULL,

    CONSTRAINT "AdvisoryCve_pkey" PRIMARY KEY ("advisoryNumber","cve")
);

-- CreateTable
CREATE TABLE "BulletinAdvisory" (
    "bulletinNumber" INTEGER NOT NULL,
    "advisoryNumber" INTEGER NOT NULL,
    "relation" TEXT NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "BulletinAdvisory_pkey" PRIMARY KEY ("bulletinNumber","advisoryNumber")
);

-- CreateTable
CREATE TABLE "BulletinReference" (
    "fromNumber" INTEGER NOT NULL,
    "toNumber" INTEGER NOT NULL,
    "relation" TEXT NOT NULL DEFAULT 'references',

    CONSTRAINT "BulletinReference_pkey" PRIMARY KEY ("fromNumber","toNumber")
);

-- CreateTable
CREATE TABLE "AdvisoryRelation" (
    "fromNumber" INTEGER NOT NULL,
    "toNumber" INTEGER NOT NULL,
    "relation" TEXT NOT NULL,
    "bulletinNumber" INTEGER NOT NULL,
    "evidence" TEXT NOT NULL,

    CONSTRAINT "AdvisoryRelation_pkey" PRIMARY KEY ("fromNumber","toNumber")
);

-- CreateTable
CREATE TABLE "Release" (
    "name" TEXT NOT NULL,
    "sortKey" INTEGER NOT NULL,

    CONSTRAINT "Release_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "Fix" (
    "id" SERIAL NOT NULL,
    "bulletinNumber" INTEGER NOT NULL,
    "releaseName" TEXT,
    "package" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "rawLine" TEXT NOT NULL,

    CONSTRAINT "Fix_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SigningKey" (
    "fingerprint" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "userIds" TEXT NOT NULL,
    "sourcePath" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3),
    "certifiedByMaster" BOOLEAN NOT NULL DEFAULT false,
    "isMaster" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "SigningKey_pkey" PRIMARY KEY ("fingerprint")
);

-- CreateTable
CREATE TABLE "Signature" (
    "id" SERIAL NOT NULL,
    "bulletinNumber" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "signer" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "reason" TEXT,
    "fingerprint" TEXT,
    "issuerKeyId" TEXT,
    "createdAt" TIMESTAMP(3),
    "hashAlgorithm" TEXT,
    "weakHash" BOOLEAN NOT NULL DEFAULT false,
    "certifiedByMaster" BOOLEAN NOT NULL DEFAULT false,
    "signerUserId" TEXT,
    "verifiedInput" TEXT,

    CONSTRAINT "Signature_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Warning" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "bulletinNumber" INTEGER,
    "advisoryNumber" INTEGER,
    "file" TEXT,
    "line" INTEGER,
    "message" TEXT NOT NULL,

    CONSTRAINT "Warning_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SourceState" (
    "name" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "commit" TEXT,

    CONSTRAINT "SourceState_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" SERIAL NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "status" TEXT NOT NULL,
    "secpackSource" TEXT NOT NULL,
    "secpackCommit" TEXT,
    "trackerSource" TEXT NOT NULL,
    "qsbIndexSource" TEXT NOT NULL,
    "xenIndexSource" TEXT,
    "counts" TEXT NOT NULL,
    "warningCount" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "SyncRun_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "BulletinChange" ADD CONSTRAINT "BulletinChange_bulletinNumber_fkey" FOREIGN KEY ("bulletinNumber") REFERENCES "Bulletin"("number") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BulletinAction" ADD CONSTRAINT "BulletinAction_bulletinNumber_fkey" FOREIGN KEY ("bulletinNumber") REFERENCES "Bulletin"("number") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BulletinUrl" ADD CONSTRAINT "BulletinUrl_bulletinNumber_fkey" FOREIGN KEY ("bulletinNumber") REFERENCES "Bulletin"("number") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdvisoryCve" ADD CONSTRAINT "AdvisoryCve_advisoryNumber_fkey" FOREIGN KEY ("advisoryNumber") REFERENCES "Advisory"("number") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BulletinAdvisory" ADD CONSTRAINT "BulletinAdvisory_bulletinNumber_fkey" FOREIGN KEY ("bulletinNumber") REFERENCES "Bulletin"("number") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BulletinAdvisory" ADD CONSTRAINT "BulletinAdvisory_advisoryNumber_fkey" FOREIGN KEY ("advisoryNumber") REFERENCES "Advisory"("number") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BulletinReference" ADD CONSTRAINT "BulletinReference_fromNumber_fkey" FOREIGN KEY ("fromNumber") REFERENCES "Bulletin"("number") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdvisoryRelation" ADD CONSTRAINT "AdvisoryRelation_fromNumber_fkey" FOREIGN KEY ("fromNumber") REFERENCES "Advisory"("number") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdvisoryRelation" ADD CONSTRAINT "AdvisoryRelation_toNumber_fkey" FOREIGN KEY ("toNumber") REFERENCES "Advisory"("number") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Fix" ADD CONSTRAINT "Fix_bulletinNumber_fkey" FOREIGN KEY ("bulletinNumber") REFERENCES "Bulletin"("number") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Fix" ADD CONSTRAINT "Fix_releaseName_fkey" FOREIGN KEY ("releaseName") REFERENCES "Release"("name") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Signature" ADD CONSTRAINT "Signature_bulletinNumber_fkey" FOREIGN KEY ("bulletinNumber") REFERENCES "Bulletin"("number") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Signature" ADD CONSTRAINT "Signature_fingerprint_fkey" FOREIGN KEY ("fingerprint") REFERENCES "SigningKey"("fingerprint") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Warning" ADD CONSTRAINT "Warning_bulletinNumber_fkey" FOREIGN KEY ("bulletinNumber") REFERENCES "Bulletin"("number") ON DELETE CASCADE ON UPDATE CASCADE;

