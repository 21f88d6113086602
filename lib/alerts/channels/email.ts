import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type { AlertChannelSettings, AlertNotification } from "@/lib/protocol";
import { SEND_TIMEOUT_MS } from "./http-post";
import {
  notificationColor,
  notificationFacts,
  notificationSubject,
  notificationText,
  notificationTitle,
} from "./notification-text";
import type { SendResult } from "./send-result";

type EmailSettings = Extract<AlertChannelSettings, { type: "email" }>;

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

/** The message: subject, plain text and a small HTML part, every value escaped in the HTML. */
export function emailMessage(notification: AlertNotification) {
  const color = `#${notificationColor(notification.trigger, notification.event.severity).toString(16).padStart(6, "0")}`;
  const rows = notificationFacts(notification)
    .map(
      ([label, value]) =>
        `<tr><td style="padding:2px 12px 2px 0;color:#64748b">${escapeHtml(label)}</td><td>${escapeHtml(value)}</td></tr>`,
    )
    .join("");
  const link = notification.url
    ? `<p><a href="${escapeHtml(notification.url)}">Open in Berth</a></p>`
    : "";
  const html = `<div style="font-family:sans-serif;font-size:14px"><h2 style="font-size:16px;border-left:4px solid ${color};padding-left:8px">${escapeHtml(notificationTitle(notification))}</h2><table>${rows}</table>${link}</div>`;
  return { subject: notificationSubject(notification), text: notificationText(notification), html };
}

/** The SMTP connection the settings describe. */
export function smtpOptions(settings: EmailSettings): SMTPTransport.Options {
  return {
    host: settings.host,
    port: settings.port,
    secure: settings.security === "tls",
    requireTLS: settings.security === "starttls",
    ignoreTLS: settings.security === "none",
    auth: settings.username
      ? { user: settings.username, pass: settings.password ?? "" }
      : undefined,
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
  };
}

/**
 * Sends the notification over SMTP to the channel's recipients, or to `recipient` alone (a
 * user's personal alert email through this channel's server).
 */
export async function sendEmail(
  settings: EmailSettings,
  notification: AlertNotification,
  recipient: string | null,
): Promise<SendResult> {
  const transport = nodemailer.createTransport(smtpOptions(settings));
  try {
    const info = await transport.sendMail({
      from: settings.from,
      to: recipient ? [recipient] : settings.to,
      ...emailMessage(notification),
    });
    return { ok: true, code: replyCode(info.response), response: info.response };
  } catch (err) {
    const e = err as Error & { responseCode?: number; code?: string };
    const reason = e.code && !e.message.includes(e.code) ? `${e.message} (${e.code})` : e.message;
    return { ok: false, code: e.responseCode ?? null, response: reason };
  } finally {
    transport.close();
  }
}

function replyCode(response: string): number | null {
  const match = /^(\d{3})\b/.exec(response);
  return match ? Number(match[1]) : null;
}
