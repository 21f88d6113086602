"use client";

import { useRef, useState } from "react";
import type { LoadedImages } from "@/lib/services/images/load-image";
import { roleAllows } from "@/lib/auth/permissions";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/controls";
import { Dialog } from "@/components/ui/dialog";
import { api, errorText } from "@/components/ui/api-client";
import { imagesApi, type HostOption } from "./api";

/** `docker load`: the chosen tar is streamed to the host (the browser sends the file as is). */
export function LoadButton({
  hosts,
  onLoaded,
  onError,
}: {
  hosts: HostOption[];
  onLoaded: (message: string) => void;
  onError: (message: string) => void;
}) {
  const usable = hosts.filter((h) => roleAllows(h.role, "image.build") && h.online);
  const [open, setOpen] = useState(false);
  const [hostId, setHostId] = useState(usable[0]?.id ?? "");
  const [busy, setBusy] = useState(false);
  const file = useRef<HTMLInputElement>(null);

  async function load() {
    const chosen = file.current?.files?.[0];
    if (!chosen) return;
    setBusy(true);
    try {
      const res = await api<LoadedImages>(imagesApi(hostId, "load"), {
        method: "POST",
        headers: { "content-type": "application/x-tar" },
        body: chosen,
      });
      onLoaded(`Loaded ${res.loaded.join(", ") || "the image"}.`);
      setOpen(false);
    } catch (err) {
      onError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Load
      </Button>
      {open ? (
        <Dialog
          title="Load an image from a tar"
          onClose={() => setOpen(false)}
          busy={busy}
          testId="load-dialog"
        >
          <SelectField
            id="load-host"
            label="Host"
            value={hostId}
            onChange={(e) => setHostId(e.target.value)}
          >
            {usable.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </SelectField>
          <div className="space-y-1">
            <label htmlFor="load-file" className="block text-sm font-medium text-slate-700">
              Image tar (as written by docker save)
            </label>
            <input
              id="load-file"
              ref={file}
              type="file"
              accept=".tar,application/x-tar"
              className="text-sm"
            />
          </div>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)} disabled={busy}>
              Close
            </Button>
            <Button onClick={() => void load()} disabled={busy || !hostId}>
              {busy ? "Loading…" : "Load"}
            </Button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
