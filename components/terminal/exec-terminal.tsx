"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { Button } from "@/components/ui/button";

const XtermSession = dynamic(() => import("./xterm-session").then((m) => m.XtermSession), {
  ssr: false,
  loading: () => <p className="p-3 text-sm text-slate-400">Loading the terminal…</p>,
});

export type ExecRequest = { cmd: string[]; user?: string; attempt: number };

const SHELLS = [
  ["sh", "sh"],
  ["bash", "bash"],
  ["custom", "Custom…"],
] as const;
type Shell = (typeof SHELLS)[number][0];

/** Words of a custom command, honouring simple quotes: `sh -c "echo hi"` → [sh, -c, echo hi]. */
export function splitCommand(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) {
    out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : (m[2] ?? m[3] ?? ""));
  }
  return out.filter((w) => w.length > 0);
}

/** An interactive shell in a container (`docker exec -it`), chosen command and user. */
export function ExecTerminal({
  hostId,
  containerId,
  running,
}: {
  hostId: string;
  containerId: string;
  running: boolean;
}) {
  const [shell, setShell] = useState<Shell>("sh");
  const [custom, setCustom] = useState("");
  const [user, setUser] = useState("");
  const [request, setRequest] = useState<ExecRequest | null>(null);

  const cmd = shell === "custom" ? splitCommand(custom) : [shell];
  const connect = () => {
    if (cmd.length === 0) return;
    setRequest((r) => ({
      cmd,
      ...(user.trim() ? { user: user.trim() } : {}),
      attempt: (r?.attempt ?? 0) + 1,
    }));
  };

  return (
    <div className="space-y-2" data-testid="terminal">
      <form
        className="flex flex-wrap items-end gap-2 text-sm"
        onSubmit={(e) => {
          e.preventDefault();
          connect();
        }}
      >
        <label className="flex flex-col gap-1 text-xs text-slate-600">
          Command
          <select
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
            value={shell}
            onChange={(e) => setShell(e.target.value as Shell)}
            data-testid="terminal-command"
          >
            {SHELLS.map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {shell === "custom" ? (
          <label className="flex flex-col gap-1 text-xs text-slate-600">
            Custom command
            <input
              className="w-64 rounded-md border border-slate-300 px-2 py-1.5 font-[family-name:var(--font-geist-mono)] text-sm"
              value={custom}
              placeholder="e.g. /bin/ash -l"
              onChange={(e) => setCustom(e.target.value)}
              data-testid="terminal-custom"
            />
          </label>
        ) : null}
        <label className="flex flex-col gap-1 text-xs text-slate-600">
          User (optional)
          <input
            className="w-40 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
            value={user}
            placeholder="e.g. root or 1000:1000"
            onChange={(e) => setUser(e.target.value)}
            data-testid="terminal-user"
          />
        </label>
        <Button
          type="submit"
          disabled={!running || cmd.length === 0}
          data-testid="terminal-connect"
        >
          {request ? "New session" : "Connect"}
        </Button>
        <span className="text-xs text-slate-500">
          Select text to copy (Ctrl+Shift+C); paste with Ctrl+Shift+V, Cmd+V or right-click.
        </span>
      </form>
      {!running ? (
        <p className="text-sm text-slate-500" data-testid="terminal-status">
          The container is not running: start it to open a terminal.
        </p>
      ) : null}
      {request && running ? (
        <XtermSession
          key={request.attempt}
          hostId={hostId}
          containerId={containerId}
          cmd={request.cmd}
          user={request.user}
          onReconnect={connect}
        />
      ) : null}
    </div>
  );
}
