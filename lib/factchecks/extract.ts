/*
 * Finding schema.org ClaimReviews in JSON-LD (issue #13): one ClaimReview, an array of them, an @graph,
 * or a DataFeed whose dataFeedElement[] carry them in item[] (the feed fact-checkers publish for
 * Google's Fact Check Tools), and reading each into the fields the archive keeps. Pure: the browser's
 * upload page runs the same code (with DOMParser for HTML), the server uses linkedom (html.ts).
 */
import { z } from "zod";

export interface FactCheckFields {
  url: string;
  claimReviewed: string;
  headline: string | null;
  rating: string | null;
  ratingValue: string | null;
  bestRating: string | null;
  worstRating: string | null;
  author: string | null;
  authorUrl: string | null;
  datePublished: string | null;
  appearanceUrl: string | null;
  claimAuthor: string | null;
  claimDate: string | null;
}

export interface ItemError {
  /** The item's position among everything found in the input (0-based). */
  index: number;
  message: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function types(node: Json): string[] {
  const t = node["@type"] ?? node.type;
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === "string").map((x) => x.replace(/^(?:https?:\/\/schema\.org\/|schema:)/, ""));
}

/**
 * Everything in a JSON-LD value that should be a ClaimReview, in document order: a DataFeed is opened
 * (dataFeedElement[] → item[], or the element itself), arrays and @graph are flattened. What is not a
 * ClaimReview stays in the list, so it is reported at its position rather than silently dropped.
 */
export function claimReviewItems(value: unknown): unknown[] {
  const out: unknown[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isObject(node)) return out.push(node);
    if (Array.isArray(node["@graph"]) && !types(node).includes("ClaimReview")) return (node["@graph"] as unknown[]).forEach(visit);
    if (types(node).includes("DataFeed")) {
      const elements = node.dataFeedElement;
      for (const element of Array.isArray(elements) ? elements : elements === undefined ? [] : [elements]) {
        if (isObject(element) && element.item !== undefined && !types(element).includes("ClaimReview")) visit(element.item);
        else visit(element);
      }
      return;
    }
    out.push(node);
  };
  visit(value);
  return out;
}

const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);

function text(v: unknown, max: number): string | null {
  v = first(v);
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v !== "string") return null;
  const t = v.replace(/\s+/g, " ").trim();
  return t === "" ? null : t.slice(0, max);
}

function nameOf(v: unknown): string | null {
  v = first(v);
  return isObject(v) ? text(v.name, 300) : text(v, 300);
}

function urlOf(v: unknown): string | null {
  v = first(v);
  const raw = isObject(v) ? text(v.url ?? v["@id"], 2000) : text(v, 2000);
  return raw && httpUrl.safeParse(raw).success ? raw : null;
}

const httpUrl = z.url({ protocol: /^https?$/, error: "not an http(s) URL" });

/** One item as the archive stores it, or why it cannot be stored. */
export function readClaimReview(item: unknown): { ok: true; value: FactCheckFields } | { ok: false; message: string } {
  if (item instanceof UnreadableBlock) return { ok: false, message: item.message };
  if (!isObject(item)) return { ok: false, message: "Not a JSON object." };
  if (!types(item).includes("ClaimReview")) {
    const t = types(item);
    return { ok: false, message: t.length ? `A ${t.join("/")}, not a ClaimReview.` : "No @type ClaimReview." };
  }
  const rawUrl = text(item.url ?? item["@id"], 2000);
  if (!rawUrl) return { ok: false, message: "The ClaimReview has no url (the archive's key)." };
  if (!httpUrl.safeParse(rawUrl).success) return { ok: false, message: `url “${rawUrl.slice(0, 80)}” is not an http(s) address.` };
  const claimReviewed = text(item.claimReviewed, 5000);
  if (!claimReviewed) return { ok: false, message: "claimReviewed is missing or empty." };
  const rating = first(item.reviewRating);
  const reviewed = first(item.itemReviewed);
  const claim = isObject(reviewed) ? reviewed : {};
  const appearance = claim.appearance ?? claim.firstAppearance;
  return {
    ok: true,
    value: {
      url: rawUrl,
      claimReviewed,
      headline: text(item.headline, 500) ?? text(item.name, 500),
      rating: isObject(rating) ? text(rating.alternateName, 200) ?? text(rating.name, 200) : null,
      ratingValue: isObject(rating) ? text(rating.ratingValue, 40) : null,
      bestRating: isObject(rating) ? text(rating.bestRating, 40) : null,
      worstRating: isObject(rating) ? text(rating.worstRating, 40) : null,
      author: nameOf(item.author),
      authorUrl: urlOf(item.author),
      datePublished: text(item.datePublished, 40),
      appearanceUrl: urlOf(appearance),
      claimAuthor: nameOf(claim.author),
      claimDate: text(claim.datePublished, 40),
    },
  };
}

/** JSON-LD text (a file, a request body) as a value, or why it is not JSON. */
export function parseJsonLd(source: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(source.replace(/^\uFEFF/, "")) };
  } catch (error) {
    return { ok: false, message: `Not valid JSON: ${(error as Error).message}` };
  }
}

export const looksLikeHtml = (source: string) => /^\s*(?:<!doctype html|<html|<head|<body|<script|<meta|<!--)/i.test(source.replace(/^\uFEFF/, ""));

/** A JSON-LD block of a page that is not JSON: it takes one item's place, so it is reported where it stood. */
export class UnreadableBlock {
  constructor(readonly message: string) {}
}

/** The items of JSON-LD script blocks (already taken out of an HTML page), in order. */
export function itemsOfBlocks(blocks: readonly string[]): unknown[] {
  const items: unknown[] = [];
  blocks.forEach((block, n) => {
    const parsed = parseJsonLd(block);
    items.push(...(parsed.ok ? claimReviewItems(parsed.value) : [new UnreadableBlock(`JSON-LD block ${n + 1} of the page: ${parsed.message}`)]));
  });
  return items;
}
