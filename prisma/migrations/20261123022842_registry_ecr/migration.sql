-- AlterEnum
ALTER TYPE "RegistryKind" ADD VALUE 'ECR';

-- AlterTable
ALTER TABLE "Registry" ADD COLUMN     "apiEndpoint" TEXT,
ADD COLUMN     "region" TEXT;
