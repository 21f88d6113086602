/**
 * Queues the notifications of an alert that fired or resolved on its rule's channels. Delivery
 * through channels is not part of this build yet: nothing is queued.
 */
export async function enqueueAlertDeliveries(
  eventId: string,
  trigger: "fired" | "resolved",
): Promise<void> {
  void eventId;
  void trigger;
}
