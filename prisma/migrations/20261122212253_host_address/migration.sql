-- AlterTable
ALTER TABLE "Host" ADD COLUMN     "address" TEXT;
