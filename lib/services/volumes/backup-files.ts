import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Readable } from "node:stream";
import { z } from "zod";
import { BerthError } from "@/lib/protocol";
import { readServerConfig } from "@/lib/server/config";

/** A stored backup's file name: the volume, then when it was made (UTC, to the millisecond). */
const BACKUP_FILE = /^[A-Za-z0-9][A-Za-z0-9_.-]*-(\d{8}T\d{9}Z)\.tar\.gz$/;

export const BackupIdSchema = z.string().max(300).regex(BACKUP_FILE, "Not a stored backup's name.");

/** Stored backups kept per volume unless a schedule or the caller says otherwise. */
export const DEFAULT_RETENTION = 7;
export const RetentionSchema = z.coerce.number().int().min(1).max(1000);

export type StoredBackup = { id: string; createdAt: number; size: number };

/** BERTH_DATA/backups/<host id>/<volume>: names that are safe as path segments (checked). */
function backupDir(hostId: string, volume: string): string {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(hostId) || !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(volume)) {
    throw new BerthError("BAD_REQUEST", "Not a host and volume name.");
  }
  return path.join(readServerConfig().dataDir, "backups", hostId, volume);
}

function stampOf(id: string): number {
  const s = BACKUP_FILE.exec(id)?.[1] ?? "";
  const iso = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`;
  return Date.parse(iso);
}

function fileNameFor(volume: string, at: Date): string {
  const stamp = at.toISOString().replace(/[-:.]/g, "");
  return `${volume}-${stamp}.tar.gz`;
}

/** The volume's stored backups, newest first. */
export async function listStoredBackups(hostId: string, volume: string): Promise<StoredBackup[]> {
  const dir = backupDir(hostId, volume);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  const backups = await Promise.all(
    names
      .filter((n) => BACKUP_FILE.test(n))
      .map(async (id) => ({
        id,
        createdAt: stampOf(id),
        size: (await stat(path.join(dir, id))).size,
      })),
  );
  return backups.sort((a, b) => b.createdAt - a.createdAt);
}

/**
 * Writes a backup stream to the volume's folder: under a temporary name until it is complete, so
 * a broken backup never looks like a stored one. Then keeps the newest `retention` backups.
 */
export async function saveStoredBackup(
  hostId: string,
  volume: string,
  stream: Readable,
  retention: number,
): Promise<StoredBackup & { removed: string[] }> {
  const dir = backupDir(hostId, volume);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const at = new Date();
  const id = fileNameFor(volume, at);
  const partial = path.join(dir, `.${id}.partial`);
  try {
    await pipeline(stream, createWriteStream(partial, { mode: 0o600 }));
    await rename(partial, path.join(dir, id));
  } catch (err) {
    await unlink(partial).catch(() => undefined);
    throw err;
  }
  const size = (await stat(path.join(dir, id))).size;
  const removed: string[] = [];
  for (const old of (await listStoredBackups(hostId, volume)).slice(retention)) {
    await unlink(path.join(dir, old.id)).catch(() => undefined);
    removed.push(old.id);
  }
  return { id, createdAt: at.getTime(), size, removed };
}

/** A stored backup's bytes. */
export async function openStoredBackup(
  hostId: string,
  volume: string,
  id: string,
): Promise<{ stream: Readable; size: number }> {
  const file = path.join(backupDir(hostId, volume), BackupIdSchema.parse(id));
  try {
    const { size } = await stat(file);
    return { stream: createReadStream(file), size };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") {
      throw new BerthError("NOT_FOUND", `No stored backup ${id} of the volume ${volume}.`);
    }
    throw err;
  }
}
