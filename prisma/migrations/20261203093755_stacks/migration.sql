-- CreateEnum
CREATE TYPE "StackSource" AS ENUM ('editor', 'git', 'template');

-- CreateEnum
CREATE TYPE "StackGitAuth" AS ENUM ('none', 'token', 'ssh');

-- CreateTable
CREATE TABLE "Stack" (
    "id" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "files" JSONB NOT NULL,
    "composeFiles" TEXT[],
    "envFile" TEXT,
    "profiles" TEXT[],
    "source" "StackSource" NOT NULL,
    "gitUrl" TEXT,
    "gitBranch" TEXT,
    "gitPath" TEXT,
    "gitAuth" "StackGitAuth" NOT NULL DEFAULT 'none',
    "gitSecretSealed" TEXT,
    "gitKnownHost" TEXT,
    "pollSeconds" INTEGER,
    "webhookSecretHash" TEXT,
    "lastCommit" TEXT,
    "lastFetchError" TEXT,
    "lastDeployAt" TIMESTAMP(3),
    "lastDeployBy" TEXT,
    "lastDeployOk" BOOLEAN,
    "lastDeployError" TEXT,
    "lastDeployCommit" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT,

    CONSTRAINT "Stack_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Stack_webhookSecretHash_key" ON "Stack"("webhookSecretHash");

-- CreateIndex
CREATE UNIQUE INDEX "Stack_hostId_name_key" ON "Stack"("hostId", "name");

-- AddForeignKey
ALTER TABLE "Stack" ADD CONSTRAINT "Stack_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;
