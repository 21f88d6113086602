-- CreateEnum
CREATE TYPE "RegistryKind" AS ENUM ('DOCKER_HUB', 'V2_BASIC', 'V2_TOKEN', 'ACR');

-- CreateTable
CREATE TABLE "Registry" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "RegistryKind" NOT NULL,
    "host" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "username" TEXT,
    "secretSealed" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Registry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegistryGrant" (
    "registryId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RegistryGrant_pkey" PRIMARY KEY ("registryId","teamId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Registry_name_key" ON "Registry"("name");

-- CreateIndex
CREATE INDEX "Registry_host_idx" ON "Registry"("host");

-- CreateIndex
CREATE INDEX "RegistryGrant_teamId_idx" ON "RegistryGrant"("teamId");

-- AddForeignKey
ALTER TABLE "RegistryGrant" ADD CONSTRAINT "RegistryGrant_registryId_fkey" FOREIGN KEY ("registryId") REFERENCES "Registry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegistryGrant" ADD CONSTRAINT "RegistryGrant_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;
