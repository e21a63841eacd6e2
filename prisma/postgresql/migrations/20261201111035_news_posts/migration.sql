-- CreateTable
CREATE TABLE "Post" (
    "fileName" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "date" TEXT,
    "title" TEXT,
    "url" TEXT,
    "kind" TEXT NOT NULL,
    "bulletinNumber" INTEGER,
    "isUpdate" BOOLEAN NOT NULL DEFAULT false,
    "canaryNumber" INTEGER,
    "sha256" TEXT NOT NULL,
    "postsCommit" TEXT,

    CONSTRAINT "Post_pkey" PRIMARY KEY ("fileName")
);

-- CreateTable
CREATE TABLE "PostAdvisory" (
    "postFileName" TEXT NOT NULL,
    "advisoryNumber" INTEGER NOT NULL,
    "verdict" TEXT NOT NULL,
    "reason" TEXT,
    "category" TEXT,
    "feature" TEXT,
    "bulletinNumber" INTEGER,
    "line" INTEGER NOT NULL,

    CONSTRAINT "PostAdvisory_pkey" PRIMARY KEY ("postFileName","advisoryNumber")
);

-- CreateIndex
CREATE INDEX "Post_kind_idx" ON "Post"("kind");

-- CreateIndex
CREATE INDEX "Post_bulletinNumber_idx" ON "Post"("bulletinNumber");

-- CreateIndex
CREATE INDEX "Post_canaryNumber_idx" ON "Post"("canaryNumber");

-- CreateIndex
CREATE INDEX "PostAdvisory_advisoryNumber_idx" ON "PostAdvisory"("advisoryNumber");

-- CreateIndex
CREATE INDEX "PostAdvisory_category_idx" ON "PostAdvisory"("category");

-- AddForeignKey
ALTER TABLE "PostAdvisory" ADD CONSTRAINT "PostAdvisory_postFileName_fkey" FOREIGN KEY ("postFileName") REFERENCES "Post"("fileName") ON DELETE CASCADE ON UPDATE CASCADE;

