import type { Metadata } from "next";
import { GeistSans } from "geist/font/sans";
import { GeistMono } from "geist/font/mono";
import "./globals.css";

// Every page is rendered per request, so each gets the nonce of its Content-Security-Policy.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Berth", template: "%s · Berth" },
  description: "Run and watch containers on many hosts from one browser.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-screen font-[family-name:var(--font-geist-sans)]">{children}</body>
    </html>
  );
}
