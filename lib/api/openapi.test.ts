import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";
import { API_ROUTES, type ApiRouteSpec } from "./routes";

const root = path.resolve(__dirname, "../..");
const routes = Object.entries(API_ROUTES) as Array<[string, ApiRouteSpec]>;

/** `/claims/{id}/assign` → app/api/v1/claims/[id]/assign/route.ts */
const routeFile = (apiPath: string) => path.join(root, "app/api/v1", apiPath.replace(/\{(\w+)\}/g, "[$1]"), "route.ts");

function collectRefs(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => collectRefs(item, into));
  else if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      if (key === "$ref" && typeof child === "string") into.push(child);
      else collectRefs(child, into);
    }
  }
  return into;
}

describe("the route table", () => {
  it.each(routes)("%s is served by a route file exporting its method", (_name, spec) => {
    const file = routeFile(spec.path);
    expect(existsSync(file), file).toBe(true);
    const source = readFileSync(file, "utf8");
    expect(source).toMatch(new RegExp(`export (const|async function|function) ${spec.method}\\b`));
    expect(source).not.toMatch(new RegExp(`export const ${spec.method} = notAllowed`));
  });

  it("lists every route file under app/api/v1 that the API serves", () => {
    const documented = new Set(routes.map(([, spec]) => routeFile(spec.path)));
    const served = ["health", "articles", "articles/[id]", "claims", "claims/[id]", "claims/[id]/citations", "claims/[id]/transitions", "claims/[id]/assign", "audit/verify"];
    for (const dir of served) expect(documented.has(path.join(root, "app/api/v1", dir, "route.ts")), dir).toBe(true);
  });
});

describe("openApiDocument", () => {
  const doc = openApiDocument() as {
    openapi: string;
    paths: Record<string, Record<string, { operationId: string; requestBody?: unknown; responses: Record<string, unknown>; security?: unknown[] }>>;
    components: { schemas: Record<string, unknown> };
  };

  it("is OpenAPI 3.1 with one operation per route table entry", () => {
    expect(doc.openapi).toBe("3.1.0");
    for (const [name, spec] of routes) {
      const op = doc.paths[spec.path]?.[spec.method.toLowerCase()];
      expect(op?.operationId, name).toBe(name);
      expect(Object.keys(op.responses)).toContain(String(spec.status ?? 200));
      if (spec.body) expect(op.requestBody, name).toBeDefined();
      if (spec.role) expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["401", "429"]));
      else expect(op.security).toEqual([]);
    }
  });

  it("documents the event stream as text/event-stream, the rest as JSON", () => {
    const content = (path: string) => Object.keys((doc.paths[path].get.responses["200"] as { content: object }).content);
    expect(content("/events")).toEqual(["text/event-stream"]);
    expect(content("/claims")).toEqual(["application/json"]);
  });

  it("resolves every $ref to a component schema", () => {
    const refs = collectRefs(doc);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      const name = ref.replace("#/components/schemas/", "");
      expect(doc.components.schemas[name], ref).toBeDefined();
    }
  });

  it("documents request bodies from the same zod schemas the domain validates with", () => {
    const submit = doc.components.schemas.SubmitClaim as { required: string[]; properties: Record<string, unknown> };
    expect(submit.required).toEqual(expect.arrayContaining(["text", "citations"]));
    const transition = doc.components.schemas.Transition as { properties: { action: { enum: string[] } } };
    expect(transition.properties.action.enum).toEqual(["review", "verify", "return"]);
    const claim = doc.components.schemas.ClaimDetail as { required: string[] };
    expect(claim.required).toEqual(expect.arrayContaining(["id", "text", "state", "verdict", "version", "citations", "signoffs"]));
  });

  it("is plain JSON", () => {
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});
