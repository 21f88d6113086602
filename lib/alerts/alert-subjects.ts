/** What an alert is about: a host, one container of a host (by name) or one image reference on a host. */

export const hostSubject = (hostId: string) => `host:${hostId}`;
export const containerSubject = (hostId: string, name: string) => `container:${hostId}/${name}`;
export const imageSubject = (hostId: string, ref: string) => `image:${hostId}/${ref}`;

export type ParsedSubject =
  | { type: "host"; hostId: string }
  | { type: "container"; hostId: string; name: string }
  | { type: "image"; hostId: string; ref: string };

export function parseSubject(subject: string): ParsedSubject | null {
  const colon = subject.indexOf(":");
  const type = subject.slice(0, colon);
  const rest = subject.slice(colon + 1);
  if (type === "host" && rest) return { type, hostId: rest };
  const slash = rest.indexOf("/");
  if (slash <= 0 || slash === rest.length - 1) return null;
  const hostId = rest.slice(0, slash);
  const tail = rest.slice(slash + 1);
  if (type === "container") return { type, hostId, name: tail };
  if (type === "image") return { type, hostId, ref: tail };
  return null;
}
