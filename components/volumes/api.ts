import type { HostRoleName } from "@/lib/auth/permissions";

export type HostOption = { id: string; name: string; role: HostRoleName; online: boolean };

/** The browser's route for one volume, or one of its actions. */
export function volumeApi(hostId: string, name: string, action = ""): string {
  return `/api/hosts/${encodeURIComponent(hostId)}/volumes/${encodeURIComponent(name)}${action ? `/${action}` : ""}`;
}

export function volumeHref(hostId: string, name: string): string {
  return `/hosts/${encodeURIComponent(hostId)}/volumes/${encodeURIComponent(name)}`;
}

/** "rwxr-x---", with s/S and t/T for setuid, setgid and sticky, as `ls -l` writes it. */
export function formatMode(mode: number, type: string): string {
  const kind = type === "dir" ? "d" : type === "symlink" ? "l" : type === "file" ? "-" : "?";
  const bits = ["r", "w", "x", "r", "w", "x", "r", "w", "x"].map((c, i) =>
    mode & (1 << (8 - i)) ? c : "-",
  );
  const special = (index: number, flag: number, set: string) => {
    if (!(mode & flag)) return;
    bits[index] = bits[index] === "x" ? set : set.toUpperCase();
  };
  special(2, 0o4000, "s");
  special(5, 0o2000, "s");
  special(8, 0o1000, "t");
  return kind + bits.join("");
}

/** "a=b" lines → a record; lines without "=" are reported. */
export function parsePairs(text: string): { pairs: Record<string, string>; bad: string | null } {
  const pairs: Record<string, string> = {};
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) return { pairs, bad: line };
    pairs[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return { pairs, bad: null };
}
