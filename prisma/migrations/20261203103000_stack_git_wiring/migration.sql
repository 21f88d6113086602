-- AlterTable
ALTER TABLE "Stack" ADD COLUMN     "environmentSealed" TEXT,
ADD COLUMN     "gitSavedById" TEXT,
ADD COLUMN     "nextPollAt" TIMESTAMP(3),
ADD COLUMN     "webhookSecretSealed" TEXT;

-- CreateIndex
CREATE INDEX "Stack_nextPollAt_idx" ON "Stack"("nextPollAt");
