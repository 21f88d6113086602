import { NextResponse } from "next/server";
import { createAlertChannel } from "@/lib/services/alerts/create-alert-channel";
import { deleteAlertChannel } from "@/lib/services/alerts/delete-alert-channel";
import { getAlertChannel } from "@/lib/services/alerts/get-alert-channel";
import { listAlertChannels } from "@/lib/services/alerts/list-alert-channels";
import { listAlertDeliveries } from "@/lib/services/alerts/list-alert-deliveries";
import { retryAlertDelivery } from "@/lib/services/alerts/retry-alert-delivery";
import {
  testAlertChannel,
  testUnsavedAlertChannel,
} from "@/lib/services/alerts/test-alert-channel";
import { updateAlertChannel } from "@/lib/services/alerts/update-alert-channel";
import { clientAddress, jsonBody } from "./respond";
import { sharedRoutes } from "./shared-routes";

/*
 * The alert channel and delivery routes, once for the browser (session cookie) and once for
 * /api/v1 (API token): the handlers below are shared, the route files only choose the wrapper.
 */

type Params = { channelId: string; deliveryId: string };
const { browserRoute, apiRoute, route } = sharedRoutes<Params>();
export { browserRoute, apiRoute };

export const alertChannelRoutes = {
  /** GET /alerts/channels */
  list: route<never>(async (user) => NextResponse.json(await listAlertChannels(user))),

  /** POST /alerts/channels */
  create: route<never>(async (user, request) =>
    NextResponse.json(
      await createAlertChannel(user, await jsonBody(request), clientAddress(request)),
      { status: 201 },
    ),
  ),

  /** GET /alerts/channels/{channelId} */
  get: route<"channelId">(async (user, _request, { channelId }) =>
    NextResponse.json(await getAlertChannel(user, channelId)),
  ),

  /** PATCH /alerts/channels/{channelId} */
  update: route<"channelId">(async (user, request, { channelId }) =>
    NextResponse.json(
      await updateAlertChannel(user, channelId, await jsonBody(request), clientAddress(request)),
    ),
  ),

  /** DELETE /alerts/channels/{channelId} */
  remove: route<"channelId">(async (user, request, { channelId }) =>
    NextResponse.json(await deleteAlertChannel(user, channelId, clientAddress(request))),
  ),

  /** POST /alerts/channels/{channelId}/test */
  test: route<"channelId">(async (user, request, { channelId }) =>
    NextResponse.json(await testAlertChannel(user, channelId, clientAddress(request))),
  ),

  /** POST /alerts/channels/test: the form's settings, not saved yet */
  testUnsaved: route<never>(async (user, request) =>
    NextResponse.json(
      await testUnsavedAlertChannel(user, await jsonBody(request), clientAddress(request)),
    ),
  ),

  /** GET /alerts/deliveries?channelId&eventId&status&cursor&limit */
  deliveries: route<never>(async (user, request) =>
    NextResponse.json(
      await listAlertDeliveries(user, Object.fromEntries(new URL(request.url).searchParams)),
    ),
  ),

  /** POST /alerts/deliveries/{deliveryId}/retry */
  retry: route<"deliveryId">(async (user, request, { deliveryId }) =>
    NextResponse.json(await retryAlertDelivery(user, deliveryId, clientAddress(request))),
  ),
};
