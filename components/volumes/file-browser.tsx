"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { VolumeListing, VolumePreview } from "@/lib/protocol";
import { ErrorMessage, SuccessMessage } from "@/components/ui/alert";
import { ApiError, api, errorText, postJson } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { INPUT_CLASS } from "@/components/ui/controls";
import { formatBytes, formatDateTime } from "@/components/ui/format";
import { formatMode, volumeApi } from "./api";
import { EntryIcon } from "./entry-icon";
import { FilePreview } from "./file-preview";

const join = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);
const query = (path: string) => `?path=${encodeURIComponent(path)}`;

/**
 * The volume's files, read through a helper container on its host: folders with breadcrumbs, a
 * text preview, downloads (a folder as a tar), and for writers uploads and new folders.
 */
export function FileBrowser({
  hostId,
  volume,
  canWrite,
}: {
  hostId: string;
  volume: string;
  canWrite: boolean;
}) {
  const [path, setPath] = useState("");
  const [listing, setListing] = useState<VolumeListing | null>(null);
  const [preview, setPreview] = useState<VolumePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [folderName, setFolderName] = useState("");
  const [replace, setReplace] = useState(false);
  const files = useRef<HTMLInputElement>(null);
  const url = (action: string) => volumeApi(hostId, volume, action);

  const previewPath = useCallback(
    async (file: string) => {
      setError(null);
      try {
        setPreview(
          await api<VolumePreview>(`${volumeApi(hostId, volume, "preview")}${query(file)}`),
        );
      } catch (err) {
        setError(errorText(err));
      }
    },
    [hostId, volume],
  );

  const open = useCallback(
    async (target: string) => {
      setBusy(true);
      setError(null);
      try {
        const found = await api<VolumeListing>(
          `${volumeApi(hostId, volume, "files")}${query(target)}`,
        );
        setListing(found);
        setPath(found.path);
        setPreview(null);
      } catch (err) {
        // a symlink to a file: show the file
        const toFile =
          err instanceof ApiError && err.code === "BAD_REQUEST" && /not a folder/.test(err.message);
        if (toFile) await previewPath(target);
        else setError(errorText(err));
      } finally {
        setBusy(false);
      }
    },
    [hostId, volume, previewPath],
  );

  useEffect(() => {
    void open("");
  }, [open]);

  async function upload() {
    const chosen = [...(files.current?.files ?? [])];
    if (chosen.length === 0) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      for (const file of chosen) {
        const params = new URLSearchParams({
          path,
          name: file.name,
          size: String(file.size),
          overwrite: replace ? "1" : "0",
        });
        await api(`${url("upload")}?${params}`, {
          method: "POST",
          headers: { "content-type": "application/octet-stream" },
          body: file,
        });
      }
      setNotice(`Uploaded ${chosen.map((f) => f.name).join(", ")}.`);
      if (files.current) files.current.value = "";
      await open(path);
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  async function makeFolder() {
    setError(null);
    setNotice(null);
    try {
      const made = await postJson<{ path: string }>(url("mkdir"), {
        path,
        name: folderName.trim(),
      });
      setFolderName("");
      setNotice(`Made the folder ${made.path}.`);
      await open(path);
    } catch (err) {
      setError(errorText(err));
    }
  }

  const crumbs = path ? path.split("/") : [];
  return (
    <Card
      title="Files"
      actions={
        <a
          href={`${url("download")}${query(path)}`}
          className="text-sm text-sky-800 hover:underline"
          download
        >
          Download this folder (.tar)
        </a>
      }
    >
      <div className="space-y-3">
        <nav
          aria-label="Folder"
          className="flex flex-wrap items-center gap-1 text-sm"
          data-testid="breadcrumbs"
        >
          <button
            className="font-medium text-sky-800 hover:underline"
            onClick={() => void open("")}
          >
            {volume}
          </button>
          {crumbs.map((part, i) => (
            <span key={i} className="flex items-center gap-1">
              <span className="text-slate-400">/</span>
              <button
                className="text-sky-800 hover:underline"
                onClick={() => void open(crumbs.slice(0, i + 1).join("/"))}
              >
                {part}
              </button>
            </span>
          ))}
          {busy ? <span className="ml-2 text-xs text-slate-400">loading…</span> : null}
        </nav>
        {notice ? <SuccessMessage testId="files-notice">{notice}</SuccessMessage> : null}
        {error ? <ErrorMessage>{error}</ErrorMessage> : null}
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="file-table">
            <thead className="text-left text-xs uppercase text-slate-500">
              <tr>
                <th className="py-1 pr-3">Name</th>
                <th className="py-1 pr-3 text-right">Size</th>
                <th className="py-1 pr-3">Mode</th>
                <th className="py-1 pr-3">Owner</th>
                <th className="py-1 pr-3">Modified</th>
                <th className="py-1" />
              </tr>
            </thead>
            <tbody>
              {listing && listing.entries.length === 0 ? (
                <tr>
                  <td colSpan={6} className="py-4 text-center text-slate-500">
                    This folder is empty.
                  </td>
                </tr>
              ) : null}
              {listing?.entries.map((entry) => (
                <tr key={entry.name} className="border-t border-slate-100" data-testid="file-row">
                  <td className="py-1 pr-3 font-mono text-xs">
                    <button
                      className="break-all text-left text-sky-800 hover:underline"
                      onClick={() =>
                        entry.type === "file"
                          ? void previewPath(join(path, entry.name))
                          : void open(join(path, entry.name))
                      }
                    >
                      <EntryIcon type={entry.type} />
                      {entry.name}
                      {entry.type === "dir" ? "/" : ""}
                    </button>
                    {entry.linkTarget !== null ? (
                      <span className="text-slate-500"> → {entry.linkTarget}</span>
                    ) : null}
                  </td>
                  <td className="py-1 pr-3 text-right tabular-nums">
                    {entry.type === "file" ? formatBytes(entry.size) : ""}
                  </td>
                  <td className="py-1 pr-3 font-mono text-xs">
                    {formatMode(entry.mode, entry.type)}
                  </td>
                  <td className="py-1 pr-3 font-mono text-xs">
                    {entry.uid}:{entry.gid}
                  </td>
                  <td className="py-1 pr-3 text-slate-600">{formatDateTime(entry.modifiedAt)}</td>
                  <td className="py-1 text-right">
                    {entry.type === "file" || entry.type === "dir" ? (
                      <a
                        href={`${url("download")}${query(join(path, entry.name))}`}
                        className="text-xs text-sky-800 hover:underline"
                        download
                      >
                        Download
                      </a>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {listing?.truncated ? (
            <p className="mt-2 text-xs text-amber-700">
              Only the first entries of this folder are shown.
            </p>
          ) : null}
        </div>
        {preview ? (
          <FilePreview
            preview={preview}
            downloadUrl={`${url("download")}${query(preview.path)}`}
            onClose={() => setPreview(null)}
          />
        ) : null}
        {canWrite ? (
          <div className="flex flex-wrap items-end gap-4 border-t border-slate-100 pt-3">
            <div className="space-y-1">
              <label htmlFor="upload-files" className="block text-sm font-medium text-slate-700">
                Upload files here
              </label>
              <div className="flex items-center gap-2">
                <input id="upload-files" ref={files} type="file" multiple className="text-sm" />
                <label className="flex items-center gap-1 text-xs text-slate-600">
                  <input
                    type="checkbox"
                    checked={replace}
                    onChange={(e) => setReplace(e.target.checked)}
                  />
                  replace files of the same name
                </label>
                <Button variant="secondary" onClick={() => void upload()} disabled={busy}>
                  Upload
                </Button>
              </div>
            </div>
            <form
              className="flex items-end gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                void makeFolder();
              }}
            >
              <div className="space-y-1">
                <label htmlFor="new-folder" className="block text-sm font-medium text-slate-700">
                  New folder
                </label>
                <input
                  id="new-folder"
                  className={`${INPUT_CLASS} border-slate-300 py-1.5`}
                  value={folderName}
                  onChange={(e) => setFolderName(e.target.value)}
                />
              </div>
              <Button type="submit" variant="secondary" disabled={!folderName.trim()}>
                Make folder
              </Button>
            </form>
          </div>
        ) : null}
      </div>
    </Card>
  );
}
