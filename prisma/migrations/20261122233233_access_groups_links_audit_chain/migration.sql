-- CreateEnum
CREATE TYPE "AccountLinkPurpose" AS ENUM ('INVITE', 'PASSWORD_RESET');

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "hash" TEXT,
ADD COLUMN     "prevHash" TEXT;

-- AlterTable
ALTER TABLE "HostAccess" ADD COLUMN     "groupId" TEXT,
ALTER COLUMN "hostId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "HostGroup" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HostGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HostGroupMember" (
    "groupId" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HostGroupMember_pkey" PRIMARY KEY ("groupId","hostId")
);

-- CreateTable
CREATE TABLE "AccountLink" (
    "id" TEXT NOT NULL,
    "purpose" "AccountLinkPurpose" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" "GlobalRole" NOT NULL DEFAULT 'USER',
    "userId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "AccountLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "HostGroup_name_key" ON "HostGroup"("name");

-- CreateIndex
CREATE INDEX "HostGroupMember_hostId_idx" ON "HostGroupMember"("hostId");

-- CreateIndex
CREATE UNIQUE INDEX "AccountLink_tokenHash_key" ON "AccountLink"("tokenHash");

-- CreateIndex
CREATE INDEX "AccountLink_purpose_createdAt_idx" ON "AccountLink"("purpose", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");

-- CreateIndex
CREATE UNIQUE INDEX "HostAccess_groupId_teamId_key" ON "HostAccess"("groupId", "teamId");

-- CreateIndex
CREATE UNIQUE INDEX "HostAccess_groupId_userId_key" ON "HostAccess"("groupId", "userId");

-- AddForeignKey
ALTER TABLE "HostAccess" ADD CONSTRAINT "HostAccess_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "HostGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HostGroupMember" ADD CONSTRAINT "HostGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "HostGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HostGroupMember" ADD CONSTRAINT "HostGroupMember_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountLink" ADD CONSTRAINT "AccountLink_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountLink" ADD CONSTRAINT "AccountLink_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A grant names exactly one scope (a host or a group) and exactly one grantee (a team or a user).
-- (Prisma cannot express CHECK constraints; written by hand.)
ALTER TABLE "HostAccess" ADD CONSTRAINT "HostAccess_one_scope"
  CHECK (num_nonnulls("hostId", "groupId") = 1);
ALTER TABLE "HostAccess" ADD CONSTRAINT "HostAccess_one_grantee"
  CHECK (num_nonnulls("teamId", "userId") = 1);
