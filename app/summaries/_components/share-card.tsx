import { ImageResponse } from "next/og";
import { VERDICT_LABEL, type Verdict } from "@/lib/core/vocabulary";
import { orgName } from "@/lib/publish/config";
import { getPublicSummary } from "@/lib/publish/queries";
import type { PublicSummary } from "@/lib/publish/types";
import { getDb } from "@/db/client";
import { etagOf, PUBLIC_CACHE_CONTROL } from "@/lib/publish/cache-policy";
import { SHARE_IMAGE_SIZE } from "./share-meta";

export { SHARE_IMAGE_SIZE };

/*
 * The share card social platforms show for a summary: the claim, its verdict badge and who checked
 * it, drawn by Next's built-in ImageResponse (satori + resvg, in process; no browser). Its font is
 * the one bundled with next/og (Geist), read from disk: nothing is fetched.
 */

const BADGE: Record<Verdict, { background: string; color: string }> = {
  true: { background: "#047857", color: "#ffffff" },
  "mostly-true": { background: "#d1fae5", color: "#022c22" },
  mixed: { background: "#fef3c7", color: "#451a03" },
  misleading: { background: "#c2410c", color: "#ffffff" },
  false: { background: "#b91c1c", color: "#ffffff" },
  unsupported: { background: "#e2e8f0", color: "#0f172a" },
};

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

export async function shareImageSummary(slug: string, version?: number): Promise<PublicSummary | null> {
  return getPublicSummary(getDb(), slug, version);
}

/**
 * A validator for the card: the same summary content gives the same image, so a CDN or browser that
 * has it gets it again without a download (the PNG is streamed, so it is not hashed itself).
 */
export function shareImageEtag(summary: PublicSummary): string {
  const lead = summary.claims[0];
  const content = JSON.stringify([orgName(), summary.slug, summary.version, summary.title, summary.withdrawn?.reason ?? null, summary.claims.length, lead?.text, lead?.verdict, lead?.verifiedBy.name]);
  return etagOf(content);
}

export function shareImage(summary: PublicSummary): ImageResponse {
  const org = orgName();
  const lead = summary.claims[0] ?? null;
  const badge = lead ? BADGE[lead.verdict] : null;
  return new ImageResponse(
    (
      <div style={{ width: "100%", height: "100%", display: "flex", flexDirection: "column", background: "#fbfaf7", color: "#0f172a", padding: "56px 64px", fontSize: 28 }}>
        <div style={{ display: "flex", alignItems: "center", justifyContent: "space-between", borderBottom: "5px solid #0f172a", paddingBottom: 18 }}>
          <div style={{ display: "flex", fontSize: 40, letterSpacing: -1 }}>{org}</div>
          <div style={{ display: "flex", fontSize: 22, letterSpacing: 5, textTransform: "uppercase", color: "#991b1b" }}>Fact-check</div>
        </div>
        {
          <div style={{ display: "flex", flexDirection: "column", flex: 1, justifyContent: "center" }}>
            <div style={{ display: "flex", fontSize: 24, color: "#475569", marginBottom: 14 }}>{clip(summary.title, 90)}</div>
            {lead && <div style={{ display: "flex", fontSize: 20, letterSpacing: 4, textTransform: "uppercase", color: "#64748b", marginBottom: 8 }}>The claim</div>}
            <div style={{ display: "flex", fontSize: lead && lead.text.length > 120 ? 40 : 50, lineHeight: 1.2 }}>{clip(lead ? lead.text : summary.introduction, 190)}</div>
            {summary.withdrawn ? (
              <div style={{ display: "flex", marginTop: 30, fontSize: 32, color: "#991b1b" }}>Withdrawn: {clip(summary.withdrawn.reason, 90)}</div>
            ) : (
              lead &&
              badge && (
                <div style={{ display: "flex", alignItems: "center", marginTop: 34 }}>
                  <div style={{ display: "flex", fontSize: 22, letterSpacing: 4, textTransform: "uppercase", color: "#64748b", marginRight: 18 }}>Our verdict</div>
                  <div style={{ display: "flex", background: badge.background, color: badge.color, border: "2px solid #0f172a", borderRadius: 8, padding: "8px 22px", fontSize: 38, textTransform: "uppercase", letterSpacing: 2 }}>
                    {VERDICT_LABEL[lead.verdict]}
                  </div>
                </div>
              )
            )}
          </div>
        }
        <div style={{ display: "flex", justifyContent: "space-between", fontSize: 24, color: "#334155", borderTop: "1px solid #cbd5e1", paddingTop: 16 }}>
          <div style={{ display: "flex" }}>{lead ? `Checked by ${lead.verifiedBy.name}` : org}</div>
          <div style={{ display: "flex" }}>{summary.claims.length > 1 ? `${summary.claims.length} claims checked` : ""}</div>
        </div>
      </div>
    ),
    // Next would send `max-age=0, must-revalidate` for an image route: say what the pages say, for a CDN.
    { ...SHARE_IMAGE_SIZE, headers: { etag: shareImageEtag(summary), "cache-control": PUBLIC_CACHE_CONTROL } },
  );
}
