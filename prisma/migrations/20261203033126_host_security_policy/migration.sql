-- CreateTable
CREATE TABLE "SecurityPolicy" (
    "id" TEXT NOT NULL,
    "hostId" TEXT,
    "groupId" TEXT,
    "settings" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SecurityPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SecurityPolicy_hostId_key" ON "SecurityPolicy"("hostId");

-- CreateIndex
CREATE UNIQUE INDEX "SecurityPolicy_groupId_key" ON "SecurityPolicy"("groupId");

-- AddForeignKey
ALTER TABLE "SecurityPolicy" ADD CONSTRAINT "SecurityPolicy_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SecurityPolicy" ADD CONSTRAINT "SecurityPolicy_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "HostGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A policy belongs to exactly one of a host or a host group (Prisma cannot express CHECK
-- constraints; written by hand).
ALTER TABLE "SecurityPolicy" ADD CONSTRAINT "SecurityPolicy_one_scope"
  CHECK (num_nonnulls("hostId", "groupId") = 1);
