"use client";

import { FitAddon } from "@xterm/addon-fit";
import { Terminal } from "@xterm/xterm";
import "@xterm/xterm/css/xterm.css";
import { useEffect, useRef, useState } from "react";
import { EXEC_ACK_EVERY, UiEvents, type UiPushPayload } from "@/lib/protocol";
import { Button } from "@/components/ui/button";
import { useUiSocket } from "@/components/ui/use-ui-socket";

type Status =
  | { kind: "starting" }
  | { kind: "open" }
  | { kind: "exited"; exitCode: number | null; error?: string }
  | { kind: "failed"; message: string }
  | { kind: "lost" };

function toBytes(data: unknown): Uint8Array | string | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data))
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (typeof data === "string") return data;
  return null;
}

/** One exec session in xterm.js; output is acknowledged in steps once xterm has shown it. */
export function XtermSession({
  hostId,
  containerId,
  cmd,
  user,
  onReconnect,
}: {
  hostId: string;
  containerId: string;
  cmd: string[];
  user?: string;
  onReconnect: () => void;
}) {
  const { socket } = useUiSocket();
  const box = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<Status>({ kind: "starting" });
  const cmdKey = JSON.stringify(cmd);

  useEffect(() => {
    const el = box.current;
    if (!socket || !el) return;
    const command = JSON.parse(cmdKey) as string[];
    const term = new Terminal({
      cursorBlink: true,
      convertEol: false,
      fontSize: 13,
      fontFamily:
        "ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace",
      scrollback: 5000,
      theme: { background: "#020617" },
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(el);
    try {
      fit.fit();
    } catch {
      // not laid out yet; the resize observer fits it later
    }

    let disposed = false;
    let sessionId: string | null = null;
    let ended = false;
    const early: { sessionId: string; data: unknown }[] = [];
    // output characters xterm has shown, and how many of them the agent was told of
    let shown = 0;
    let acked = 0;
    // keys typed while the session is still opening: sent once it is, like a tty's type-ahead
    const typedAhead: string[] = [];

    // Flow control: the agent stays within a window of what xterm has shown, so a flood of output
    // waits at the container instead of piling up in this tab.
    const write = (data: unknown) => {
      const bytes = toBytes(data);
      if (bytes === null) return;
      term.write(bytes, () => {
        shown += bytes.length;
        if (sessionId && !ended && shown - acked >= EXEC_ACK_EVERY) {
          acked = shown;
          socket.emit(UiEvents.execAck, { sessionId, shown });
        }
      });
    };

    const onOutput = (payload: UiPushPayload<typeof UiEvents.execOutput>) => {
      if (!payload || typeof payload.sessionId !== "string") return;
      if (sessionId === null && !ended) {
        early.push({ sessionId: payload.sessionId, data: payload.data });
        return;
      }
      if (payload.sessionId !== sessionId) return;
      write(payload.data);
    };

    const onExit = (payload: UiPushPayload<typeof UiEvents.execExit>) => {
      if (!payload || payload.sessionId !== sessionId || sessionId === null) return;
      ended = true;
      const code = typeof payload.exitCode === "number" ? payload.exitCode : null;
      term.write(
        `\r\n\x1b[2m[process exited${code === null ? "" : ` with code ${code}`}${payload.error ? `: ${payload.error}` : ""}]\x1b[0m\r\n`,
      );
      term.options.disableStdin = true;
      setStatus({
        kind: "exited",
        exitCode: code,
        ...(payload.error ? { error: payload.error } : {}),
      });
    };

    const onDisconnect = () => {
      if (ended) return;
      ended = true;
      term.options.disableStdin = true;
      setStatus({ kind: "lost" });
    };

    const start = () => {
      socket.emit(
        UiEvents.execStart,
        {
          hostId,
          id: containerId,
          cmd: command,
          ...(user ? { user } : {}),
          cols: term.cols,
          rows: term.rows,
        },
        (answer) => {
          if (disposed) {
            if (answer?.ok) socket.emit(UiEvents.execClose, { sessionId: answer.sessionId });
            return;
          }
          if (!answer || !answer.ok) {
            ended = true;
            early.length = 0;
            setStatus({
              kind: "failed",
              message: answer?.error?.message ?? "The server refused to open a terminal.",
            });
            return;
          }
          sessionId = answer.sessionId;
          for (const e of early.splice(0)) {
            if (e.sessionId === sessionId) write(e.data);
          }
          if (typedAhead.length > 0)
            socket.emit(UiEvents.execInput, { sessionId, data: typedAhead.splice(0).join("") });
          setStatus({ kind: "open" });
          term.focus();
        },
      );
    };

    socket.on(UiEvents.execOutput, onOutput);
    socket.on(UiEvents.execExit, onExit);
    socket.on("disconnect", onDisconnect);
    if (socket.connected) start();
    else socket.once("connect", start);

    const input = term.onData((data) => {
      if (ended) return;
      if (sessionId) socket.emit(UiEvents.execInput, { sessionId, data });
      else typedAhead.push(data);
    });

    // Copy and paste: Ctrl+Shift+C copies the selection, Ctrl+Shift+V pastes (Cmd+V and the
    // browser's own paste work through xterm's paste handling).
    const clipboard = typeof navigator !== "undefined" ? navigator.clipboard : undefined;
    const paste = () => {
      void clipboard
        ?.readText()
        .then((text) => {
          if (text) term.paste(text);
        })
        .catch(() => undefined);
    };
    term.attachCustomKeyEventHandler((e) => {
      if (e.type !== "keydown" || !e.ctrlKey || !e.shiftKey) return true;
      if (e.code === "KeyC") {
        const sel = term.getSelection();
        if (sel) void clipboard?.writeText(sel).catch(() => undefined);
        return false;
      }
      if (e.code === "KeyV") {
        e.preventDefault();
        paste();
        return false;
      }
      return true;
    });
    const onContextMenu = (e: MouseEvent) => {
      e.preventDefault();
      const sel = term.getSelection();
      if (sel) void clipboard?.writeText(sel).catch(() => undefined);
      else paste();
    };
    el.addEventListener("contextmenu", onContextMenu);

    // Follow the box's size: fit, then tell the process.
    let last = { cols: term.cols, rows: term.rows };
    let timer: ReturnType<typeof setTimeout> | null = null;
    const observer = new ResizeObserver(() => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        try {
          fit.fit();
        } catch {
          return;
        }
        if (term.cols === last.cols && term.rows === last.rows) return;
        last = { cols: term.cols, rows: term.rows };
        if (sessionId && !ended) socket.emit(UiEvents.execResize, { sessionId, ...last });
      }, 80);
    });
    observer.observe(el);

    return () => {
      disposed = true;
      if (timer) clearTimeout(timer);
      observer.disconnect();
      el.removeEventListener("contextmenu", onContextMenu);
      socket.off(UiEvents.execOutput, onOutput);
      socket.off(UiEvents.execExit, onExit);
      socket.off("disconnect", onDisconnect);
      socket.off("connect", start);
      input.dispose();
      if (sessionId && !ended) socket.emit(UiEvents.execClose, { sessionId });
      early.length = 0;
      term.dispose();
    };
  }, [socket, hostId, containerId, cmdKey, user]);

  let text: string;
  switch (status.kind) {
    case "starting":
      text = "Connecting…";
      break;
    case "open":
      text = "Connected";
      break;
    case "exited":
      text =
        status.exitCode === null
          ? `Process ended${status.error ? `: ${status.error}` : ""}`
          : `Process exited with code ${status.exitCode}`;
      break;
    case "failed":
      text = status.message;
      break;
    case "lost":
      text = "Connection lost — the session ended.";
      break;
  }

  return (
    <div className="space-y-2">
      <div className="flex items-center gap-3">
        <span
          data-testid="terminal-status"
          data-state={status.kind}
          role="status"
          className={`text-sm ${status.kind === "failed" || status.kind === "lost" ? "text-red-700" : "text-slate-600"}`}
        >
          {text}
        </span>
        {status.kind === "lost" || status.kind === "exited" || status.kind === "failed" ? (
          <Button variant="secondary" onClick={onReconnect} data-testid="terminal-reconnect">
            {status.kind === "lost" ? "Reconnect" : "Start again"}
          </Button>
        ) : null}
      </div>
      <div
        ref={box}
        className="h-[60vh] min-h-64 w-full overflow-hidden rounded-md bg-slate-950 p-2"
        data-testid="terminal-screen"
      />
    </div>
  );
}
