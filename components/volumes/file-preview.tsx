"use client";

import type { VolumePreview } from "@/lib/protocol";
import { Button } from "@/components/ui/button";
import { formatBytes } from "@/components/ui/format";

/** A file's first bytes as text; a binary file is only named, with its download. */
export function FilePreview({
  preview,
  downloadUrl,
  onClose,
}: {
  preview: VolumePreview;
  downloadUrl: string;
  onClose: () => void;
}) {
  return (
    <section
      className="rounded-md border border-slate-200"
      data-testid="file-preview"
      aria-label="Preview"
    >
      <header className="flex items-center gap-3 border-b border-slate-100 bg-slate-50 px-3 py-2 text-sm">
        <span className="font-mono text-xs break-all">{preview.path}</span>
        <span className="text-slate-500">{formatBytes(preview.size)}</span>
        <a href={downloadUrl} className="ml-auto text-sky-800 hover:underline" download>
          Download
        </a>
        <Button variant="secondary" className="px-2 py-1 text-xs" onClick={onClose}>
          Close
        </Button>
      </header>
      {preview.binary ? (
        <p className="px-3 py-4 text-sm text-slate-600">
          This file is binary, not text: download it to look inside.
        </p>
      ) : (
        <pre className="max-h-96 overflow-auto px-3 py-2 font-[family-name:var(--font-geist-mono)] text-xs whitespace-pre-wrap text-slate-800">
          {preview.text}
        </pre>
      )}
      {preview.truncated && !preview.binary ? (
        <p className="border-t border-slate-100 px-3 py-1 text-xs text-slate-500">
          Only the first {formatBytes(preview.text.length)} are shown.
        </p>
      ) : null}
    </section>
  );
}
