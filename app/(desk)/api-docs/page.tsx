import type { Metadata } from "next";
import { Badge } from "@/app/_components/badge";
import { Card, PageHeader } from "@/app/_components/page-header";
import { requirePageActor } from "@/lib/auth/guards";
import { openApiDocument } from "@/lib/api/openapi";
import { Inline, PropertiesTable, schemaAnchor, TypeLabel, type JsonSchema } from "./schema-view";

export const metadata: Metadata = { title: "API" };

interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

interface Operation {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content: { "application/json": { schema: JsonSchema } } };
  /** Keyed by media type: application/json, or text/event-stream for the event stream. */
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
}

interface Document {
  info: { title: string; description: string };
  servers: Array<{ url: string }>;
  tags: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
}

const METHOD_STYLE: Record<string, string> = {
  get: "bg-sky-100 text-sky-900",
  post: "bg-emerald-100 text-emerald-900",
  patch: "bg-amber-100 text-amber-900",
};

function Prose({ text }: { text: string }) {
  return (
    <>
      {text.split("\n\n").map((paragraph, index) => (
        <p key={index} className="mt-2 text-sm text-slate-700">
          <Inline text={paragraph} />
        </p>
      ))}
    </>
  );
}

function OperationCard({ method, path, base, op }: { method: string; path: string; base: string; op: Operation }) {
  const body = op.requestBody?.content["application/json"].schema;
  const bodyName = body?.$ref?.split("/").pop();
  return (
    <Card className="mb-4">
      <h3 id={op.operationId} className="flex flex-wrap items-center gap-2 text-base font-semibold">
        <span className={`rounded px-2 py-0.5 font-mono text-xs font-bold uppercase ${METHOD_STYLE[method] ?? "bg-slate-100"}`}>{method}</span>
        <code className="font-mono text-sm">{base}{path}</code>
        <span className="text-slate-700">— {op.summary}</span>
      </h3>
      {op.description && <Prose text={op.description} />}
      {op.parameters && op.parameters.length > 0 && (
        <>
          <h4 className="mt-4 text-sm font-semibold">Parameters</h4>
          <ul className="mt-1 space-y-1 text-sm">
            {op.parameters.map((parameter) => (
              <li key={`${parameter.in}-${parameter.name}`}>
                <code className="font-mono text-xs font-semibold">{parameter.name}</code>{" "}
                <span className="text-slate-500">({parameter.in}{parameter.required ? ", required" : ""})</span>:{" "}
                <TypeLabel schema={parameter.schema} />
                {parameter.description && <span className="text-slate-600"> — <Inline text={parameter.description} /></span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {body && (
        <>
          <h4 className="mt-4 text-sm font-semibold">
            Body: {bodyName ? <a href={`#${schemaAnchor(bodyName)}`} className="text-blue-700 underline">{bodyName}</a> : "JSON"}
          </h4>
        </>
      )}
      <h4 className="mt-4 text-sm font-semibold">Responses</h4>
      <ul className="mt-1 space-y-1 text-sm">
        {Object.entries(op.responses).map(([status, response]) => (
          <li key={status}>
            <Badge tone={Number(status) >= 400 ? "red" : undefined}>{status}</Badge>{" "}
            {response.content?.["application/json"] ? (
              <TypeLabel schema={response.content["application/json"].schema} />
            ) : response.content ? (
              <code className="font-mono text-xs">{Object.keys(response.content).join(", ")}</code>
            ) : null}
            <span className="text-slate-600"> — <Inline text={response.description} /></span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

export default async function ApiDocsPage() {
  await requirePageActor("reporter");
  const doc = openApiDocument() as unknown as Document;
  const base = doc.servers[0]?.url ?? "";
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  return (
    <>
      <PageHeader
        title="Factdesk API"
        description={
          <>
            JSON over HTTP under <code>{base}</code>, for newsroom integrations. Machine-readable:{" "}
            <a href={`${base}/openapi.json`} className="font-medium text-blue-700 underline">OpenAPI 3.1 document</a>. Tokens:{" "}
            <a href="/settings/tokens" className="font-medium text-blue-700 underline">API tokens</a>.
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[14rem_1fr]">
        <nav aria-label="API endpoints" className="text-sm lg:sticky lg:top-4 lg:self-start">
          {doc.tags.map((tag) => (
            <div key={tag.name} className="mb-3">
              <p className="font-semibold text-slate-900">{tag.name}</p>
              <ul className="mt-1 space-y-0.5">
                {operations
                  .filter(({ op }) => op.tags.includes(tag.name))
                  .map(({ path, method, op }) => (
                    <li key={op.operationId}>
                      <a href={`#${op.operationId}`} className="text-blue-700 hover:underline">
                        <span className="font-mono text-xs uppercase">{method}</span> {path}
                      </a>
                    </li>
                  ))}
              </ul>
            </div>
          ))}
          <p className="font-semibold text-slate-900">
            <a href="#schemas" className="text-blue-700 hover:underline">Schemas</a>
          </p>
        </nav>
        <div className="min-w-0">
          <Card className="mb-6">
            <h2 className="text-lg font-semibold">Overview</h2>
            <Prose text={doc.info.description} />
            <Prose
              text={
                "Idempotency: POST endpoints accept an `Idempotency-Key` header. A retry with the same key and body within 24 hours returns the first answer (with `Idempotent-Replayed: true`) and writes nothing new; the same key with a different body is a 422.\n\nConcurrency: every change to a claim carries the `expectedVersion` you read. If someone changed the claim meanwhile, you get a 409 and nothing is applied: read it again and decide.\n\nLists are `{\"data\": [...], \"nextCursor\": ...}`: pass `nextCursor` back as `cursor` for the next page, up to `limit` 100 per page."
              }
            />
          </Card>
          {doc.tags.map((tag) => (
            <section key={tag.name} aria-labelledby={`tag-${tag.name}`} className="mb-6">
              <h2 id={`tag-${tag.name}`} className="mb-3 text-lg font-semibold">
                {tag.name}
                {tag.description && <span className="ml-2 text-sm font-normal text-slate-600">{tag.description}</span>}
              </h2>
              {operations
                .filter(({ op }) => op.tags.includes(tag.name))
                .map(({ path, method, op }) => (
                  <OperationCard key={op.operationId} method={method} path={path} base={base} op={op} />
                ))}
            </section>
          ))}
          <section aria-labelledby="schemas" className="mb-6">
            <h2 id="schemas" className="mb-3 text-lg font-semibold">Schemas</h2>
            {Object.entries(doc.components.schemas).map(([name, schema]) => (
              <Card key={name} className="mb-4">
                <h3 id={schemaAnchor(name)} className="mb-2 font-mono text-base font-semibold">{name}</h3>
                {schema.description && <Prose text={schema.description} />}
                <PropertiesTable schema={schema} caption={`Fields of ${name}`} />
              </Card>
            ))}
          </section>
        </div>
      </div>
    </>
  );
}
