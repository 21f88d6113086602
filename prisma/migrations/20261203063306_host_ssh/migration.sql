-- AlterTable
ALTER TABLE "Host" ADD COLUMN     "sshAddress" TEXT,
ADD COLUMN     "sshCredential" TEXT,
ADD COLUMN     "sshHostKey" TEXT,
ADD COLUMN     "sshPort" INTEGER,
ADD COLUMN     "sshUser" TEXT;
