type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  description?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
};

export type { JsonSchema };

/** Inline `code` spans from the generated descriptions, without a Markdown dependency. */
export function Inline({ text }: { text: string }) {
  return (
    <>
      {text.split(/(`[^`]+`)/).map((part, i) =>
        part.startsWith("`") && part.endsWith("`") ? (
          <code key={i} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs">{part.slice(1, -1)}</code>
        ) : (
          part
        ),
      )}
    </>
  );
}

export const schemaAnchor = (name: string) => `schema-${name}`;

/** A short, readable type: `string | null`, `array of Citation`, `"review" | "verify"`. */
export function TypeLabel({ schema }: { schema: JsonSchema }) {
  if (schema.$ref) {
    const name = schema.$ref.split("/").pop()!;
    return (
      <a href={`#${schemaAnchor(name)}`} className="font-medium text-blue-700 underline">
        {name}
      </a>
    );
  }
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) {
    return (
      <>
        {variants.map((variant, index) => (
          <span key={index}>
            {index > 0 && " | "}
            <TypeLabel schema={variant} />
          </span>
        ))}
      </>
    );
  }
  if (schema.const !== undefined) return <code>{JSON.stringify(schema.const)}</code>;
  if (schema.enum) return <code>{schema.enum.map((value) => JSON.stringify(value)).join(" | ")}</code>;
  if (schema.type === "array") {
    if (schema.prefixItems) return <>[{schema.prefixItems.map((item, i) => <span key={i}>{i > 0 && ", "}<TypeLabel schema={item} /></span>)}]</>;
    return (
      <>
        array of {schema.items ? <TypeLabel schema={schema.items} /> : "anything"}
      </>
    );
  }
  if (schema.type === "object" && !schema.properties) {
    return <>{typeof schema.additionalProperties === "object" ? <>map of <TypeLabel schema={schema.additionalProperties} /></> : "object"}</>;
  }
  if (schema.type === "integer" || schema.type === "number") return <>{schema.type}</>;
  if (schema.format === "date-time") return <>string (date-time)</>;
  return <>{Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any")}</>;
}

function constraints(schema: JsonSchema): string {
  const parts: string[] = [];
  const inner = schema.anyOf?.find((variant) => variant.type !== "null") ?? schema;
  if (inner.minLength !== undefined && inner.minLength > 0) parts.push(`≥ ${inner.minLength} chars`);
  if (inner.maxLength !== undefined) parts.push(`≤ ${inner.maxLength} chars`);
  if (inner.exclusiveMinimum === 0) parts.push("> 0");
  else if (inner.minimum !== undefined && inner.minimum > -1e15) parts.push(`≥ ${inner.minimum}`);
  if (inner.maximum !== undefined && inner.maximum < 1e15) parts.push(`≤ ${inner.maximum}`);
  if (inner.minItems) parts.push(`≥ ${inner.minItems} items`);
  if (inner.maxItems !== undefined) parts.push(`≤ ${inner.maxItems} items`);
  return parts.join(", ");
}

/** An object schema as a table of its fields. */
export function PropertiesTable({ schema, caption }: { schema: JsonSchema; caption: string }) {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.every((variant) => variant.properties)) {
    return (
      <div className="space-y-3">
        {variants.map((variant, index) => (
          <div key={index}>
            <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">{index === 0 ? "One of" : "or"}</p>
            <PropertiesTable schema={variant} caption={`${caption}, variant ${index + 1}`} />
          </div>
        ))}
      </div>
    );
  }
  const rows = flatten(schema);
  if (rows.length === 0) {
    return (
      <p className="text-sm text-slate-700">
        <TypeLabel schema={schema} />
      </p>
    );
  }
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full table-fixed text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <colgroup>
          <col className="w-[24%]" />
          <col className="w-[32%]" />
          <col className="w-[10%]" />
          <col />
        </colgroup>
        <thead className="text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="py-1.5 pr-4">Field</th>
            <th scope="col" className="py-1.5 pr-4">Type</th>
            <th scope="col" className="py-1.5 pr-4">Required</th>
            <th scope="col" className="py-1.5">Notes</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {rows.map(({ name, property, required }) => (
            <tr key={name}>
              <th scope="row" className="break-words py-1.5 pr-4 font-mono text-xs font-semibold text-slate-900">{name}</th>
              <td className="break-words py-1.5 pr-4 text-slate-800"><TypeLabel schema={property} /></td>
              <td className="py-1.5 pr-4">{required ? "yes" : "no"}</td>
              <td className="py-1.5 text-slate-600"><Inline text={[constraints(property), property.description].filter(Boolean).join(". ")} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface Row {
  name: string;
  property: JsonSchema;
  required: boolean;
}

/** Inline nested objects become dotted rows (`error.code`, `revisions[].version`); named schemas stay links. */
function flatten(schema: JsonSchema, prefix = ""): Row[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).flatMap(([key, property]) => {
    const name = `${prefix}${key}`;
    const row = { name, property, required: required.has(key) };
    if (property.type === "object" && property.properties) return [row, ...flatten(property, `${name}.`)];
    if (property.type === "array" && property.items?.type === "object" && property.items.properties) {
      return [row, ...flatten(property.items, `${name}[].`)];
    }
    return [row];
  });
}
