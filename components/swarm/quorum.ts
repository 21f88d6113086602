/**
 * What a swarm's managers mean for it, in words: a majority of them must be reachable for the
 * swarm to change anything (schedule, update, add networks); tasks already running keep running.
 */
export function quorumWords({ total, reachable }: { total: number; reachable: number }): {
  text: string;
  bad: boolean;
} {
  const need = Math.floor(total / 2) + 1;
  if (reachable >= total) {
    return {
      text: `${total} manager${total === 1 ? "" : "s"}, all reachable${total < 3 ? " (losing it stops changes to the swarm)" : ""}.`,
      bad: false,
    };
  }
  if (reachable >= need) {
    return {
      text: `${total - reachable} of ${total} managers unreachable: the swarm keeps working while ${need} are reachable.`,
      bad: true,
    };
  }
  return {
    text: `Only ${reachable} of ${total} managers reachable: the swarm has lost its quorum; no service or network can change until ${need} are back.`,
    bad: true,
  };
}
