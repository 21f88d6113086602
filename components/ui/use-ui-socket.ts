"use client";

import { useEffect, useState } from "react";
import { io, type Socket } from "socket.io-client";
import {
  UI_NAMESPACE,
  UiEvents,
  type UiClientToServerEvents,
  type UiServerToClientEvents,
} from "@/lib/protocol";

/** The browser's /ui socket, typed by the protocol's requests and pushes. */
export type UiSocket = Socket<UiServerToClientEvents, UiClientToServerEvents>;

let shared: UiSocket | null = null;

/** One /ui connection per tab, shared by every live component on the page. */
function sharedSocket(): UiSocket {
  if (!shared) {
    shared = io(UI_NAMESPACE, { transports: ["websocket"], withCredentials: true });
    // The server ends the socket of a disabled or expired user: send them to sign in again.
    shared.on(UiEvents.sessionEnded, () => window.location.assign("/login?error=SessionEnded"));
  }
  return shared;
}

export type LinkState = "connecting" | "connected" | "lost";

export function useUiSocket(): { socket: UiSocket | null; link: LinkState } {
  const [socket, setSocket] = useState<UiSocket | null>(null);
  const [link, setLink] = useState<LinkState>("connecting");
  useEffect(() => {
    const s = sharedSocket();
    setSocket(s);
    const update = () => setLink(s.connected ? "connected" : "lost");
    if (s.connected) setLink("connected");
    s.on("connect", update);
    s.on("disconnect", update);
    s.on("connect_error", update);
    return () => {
      s.off("connect", update);
      s.off("disconnect", update);
      s.off("connect_error", update);
    };
  }, []);
  return { socket, link };
}
