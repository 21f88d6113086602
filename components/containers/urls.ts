/** Where a container lives: its API path and its page. */
export function containerPath(hostId: string, id: string): string {
  return `/api/hosts/${encodeURIComponent(hostId)}/containers/${encodeURIComponent(id)}`;
}

export function detailsHref(hostId: string, id: string): string {
  return `/hosts/${encodeURIComponent(hostId)}/containers/${encodeURIComponent(id)}`;
}
