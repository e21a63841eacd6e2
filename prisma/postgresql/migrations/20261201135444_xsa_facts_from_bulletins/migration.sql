-- AlterTable
ALTER TABLE "Advisory" ADD COLUMN     "titleBulletin" INTEGER,
ADD COLUMN     "titleLine" INTEGER,
ADD COLUMN     "titleSource" TEXT;

-- AlterTable
ALTER TABLE "AdvisoryCve" ADD COLUMN     "bulletinNumber" INTEGER,
ADD COLUMN     "line" INTEGER,
ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'xen-index';

