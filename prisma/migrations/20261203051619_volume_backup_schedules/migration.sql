-- CreateTable
CREATE TABLE "VolumeBackupSchedule" (
    "id" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "volume" TEXT NOT NULL,
    "cron" TEXT NOT NULL,
    "retention" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT NOT NULL,
    "nextRunAt" TIMESTAMP(3) NOT NULL,
    "lastRunAt" TIMESTAMP(3),
    "lastOutcome" TEXT,
    "lastError" TEXT,
    "lastBytes" BIGINT,

    CONSTRAINT "VolumeBackupSchedule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "VolumeBackupSchedule_nextRunAt_idx" ON "VolumeBackupSchedule"("nextRunAt");

-- CreateIndex
CREATE UNIQUE INDEX "VolumeBackupSchedule_hostId_volume_key" ON "VolumeBackupSchedule"("hostId", "volume");

-- AddForeignKey
ALTER TABLE "VolumeBackupSchedule" ADD CONSTRAINT "VolumeBackupSchedule_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;
