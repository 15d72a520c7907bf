import type { InferInsertModel, InferSelectModel, Table } from "drizzle-orm";
import { boolean, integer, pgTable, text } from "drizzle-orm/pg-core";
import { describe, expect, expectTypeOf, it } from "vitest";
import * as sqliteSchema from "@/db/schema";
import * as pgSchema from "@/db/schema-pg";
import { describePgSchema, describeSqliteSchema, schemaDifferences, type TableShape } from "./schema-drift-pg";

const sqliteTables = describeSqliteSchema(sqliteSchema);
const pgTables = describePgSchema(pgSchema);

function table(shapes: TableShape[], name: string): TableShape {
  const found = shapes.find((shape) => shape.name === name);
  if (!found) throw new Error(`no table ${name}`);
  return found;
}

/** A copy of the PostgreSQL description with one table changed. */
function withTable(name: string, change: (shape: TableShape) => void): TableShape[] {
  const copy = structuredClone(pgTables);
  change(table(copy, name));
  return copy;
}

describe("the PostgreSQL schema mirrors the SQLite one", () => {
  it("has every table, column, key, index and foreign key of db/schema.ts, and nothing else", () => {
    // Changed db/schema.ts? Make the same change in db/schema-pg.ts, then `npm run db:generate:pg`.
    expect(schemaDifferences(sqliteTables, pgTables)).toEqual([]);
  });

  it("reads the schemas it compares (so an empty difference means something)", () => {
    expect(sqliteTables.length).toBeGreaterThan(30);
    expect(pgTables.map((shape) => shape.name).sort()).toEqual(sqliteTables.map((shape) => shape.name).sort());
    const claims = table(pgTables, "claims");
    expect(claims.indexes.find((index) => index.name === "claims_undated_entered")).toEqual({
      name: "claims_undated_entered",
      unique: false,
      columns: ["state", "entered_state_at"],
      where: "due_at IS NULL",
    });
    expect(claims.indexes.find((index) => index.name === "claims_state_due_order")?.columns).toEqual(["state", "coalesce(due_at, '9999-12-31T23:59:59.999Z')"]);
    expect(table(pgTables, "users").columns.find((column) => column.key === "createdAt")?.default).toBe("(strftime('%Y-%m-%dT%H:%M:%fZ','now'))");
    expect(table(pgTables, "signoff_citations").primaryKey).toEqual(["signoff_id", "citation_id"]);
    expect(table(pgTables, "deliveries").foreignKeys.find((fk) => fk.columns[0] === "webhook_id")).toMatchObject({ foreignTable: "webhooks", onDelete: "cascade" });
  });

  it("gives queries the same row types on both engines", () => {
    type Rows<S> = { [K in keyof S as S[K] extends Table ? K : never]: S[K] extends Table ? InferSelectModel<S[K]> : never };
    type Inserts<S> = { [K in keyof S as S[K] extends Table ? K : never]: S[K] extends Table ? InferInsertModel<S[K]> : never };
    expectTypeOf<Rows<typeof pgSchema>>().toEqualTypeOf<Rows<typeof sqliteSchema>>();
    // Except the keys SQLite's rowid would fill in and PostgreSQL requires (ROWID_KEYS in schema-drift-pg.ts).
    type RowidKeyed = "articleFactSets" | "notificationPreferences" | "deadlineSettings";
    expectTypeOf<Omit<Inserts<typeof pgSchema>, RowidKeyed>>().toEqualTypeOf<Omit<Inserts<typeof sqliteSchema>, RowidKeyed>>();
  });
});

describe("schemaDifferences reports drift", () => {
  const cases: Array<[string, string, (shape: TableShape) => void, string]> = [
    ["a dropped column", "users", (s) => void s.columns.splice(s.columns.findIndex((c) => c.name === "disabled"), 1), "users: column disabled missing on PostgreSQL"],
    ["an added column", "claims", (s) => void s.columns.push({ ...s.columns[0], key: "extra", name: "extra" }), "claims: column extra only on PostgreSQL"],
    ["nullability", "claims", (s) => void (s.columns.find((c) => c.name === "due_at")!.notNull = true), "claims: column due_at: SQLite"],
    ["a renamed property", "claims", (s) => void (s.columns.find((c) => c.name === "due_at")!.key = "due"), "claims: column due_at: SQLite"],
    ["a default", "claims", (s) => void (s.columns.find((c) => c.name === "state")!.default = '"reviewed"'), "claims: column state: SQLite"],
    ["an enum", "claims", (s) => void (s.columns.find((c) => c.name === "state")!.enumValues = ["draft"]), "claims: column state: SQLite"],
    ["a dropped index", "signoffs", (s) => void s.indexes.splice(s.indexes.findIndex((i) => i.name === "signoffs_created"), 1), "signoffs: index signoffs_created missing on PostgreSQL"],
    ["a partial index's WHERE", "claims", (s) => void (s.indexes.find((i) => i.name === "claims_undated_entered")!.where = null), "claims: index claims_undated_entered: SQLite"],
    ["index column order", "claims", (s) => void s.indexes.find((i) => i.name === "claims_state")!.columns.reverse(), "claims: index claims_state: SQLite"],
    ["a lost unique", "users", (s) => void (s.uniques = []), "users: unique users_email_unique missing on PostgreSQL"],
    ["a foreign key's action", "saved_views", (s) => void (s.foreignKeys[0].onDelete = "no action"), "saved_views: foreign key saved_views_user_id_users_id_fk: SQLite"],
    ["a primary key", "follows", (s) => void s.primaryKey.pop(), "follows: primary key: SQLite"],
  ];
  it.each(cases)("%s", (_what, name, change, expected) => {
    const differences = schemaDifferences(sqliteTables, withTable(name, change));
    expect(differences).toHaveLength(1);
    expect(differences[0]).toContain(expected);
  });

  it("a missing table", () => {
    expect(schemaDifferences(sqliteTables, pgTables.filter((shape) => shape.name !== "backups"))).toEqual(["table backups missing on PostgreSQL"]);
  });

  it("read from a real drizzle table: a column left out, a type without a mapping, a GIN index", () => {
    // users as db/schema-pg.ts has it, less `disabled`, with `name` as boolean and no created_at default.
    const users = pgTable("users", {
      id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
      email: text("email").notNull().unique(),
      name: boolean("name").notNull(),
      role: text("role", { enum: ["reporter", "editor", "admin"] }).notNull(),
      passwordHash: text("password_hash").notNull(),
      createdAt: text("created_at").notNull(), // its default left out
      updatedAt: text("updated_at"),
    });
    const differences = schemaDifferences(sqliteTables, describePgSchema({ ...pgSchema, users }));
    expect(differences.some((line) => line.startsWith("users: column disabled missing on PostgreSQL"))).toBe(true);
    expect(differences.some((line) => line.startsWith("users: column name:") && line.includes("SQLiteBoolean"))).toBe(true);
    expect(differences.some((line) => line.startsWith("users: column created_at:"))).toBe(true);
  });
});
