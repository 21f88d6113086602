-- AlterTable
ALTER TABLE "User" ADD COLUMN     "credentialsChangedAt" TIMESTAMP(3),
ADD COLUMN     "credentialsKeptLoginAt" TIMESTAMP(3);
