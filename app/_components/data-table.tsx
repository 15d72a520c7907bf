import type { HTMLAttributes, ReactNode } from "react";

export interface Column<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Classes for the column's header and cells alike: alignment, wrapping. */
  className?: string;
  /** Classes for its cells only (the first column's cells are row headers: default `font-medium`). */
  cellClassName?: string;
  /** A width class for the column's `<col>`, with `layout="fixed"`. */
  width?: string;
}

type RowAttributes = HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string | number | boolean | undefined };

/**
 * - `card`: the table is the card's content (shaded header row, roomy cells).
 * - `inline`: a table inside a card's text (no shading, cells spaced on the right only).
 * - `dense`: the work queue, many rows at a glance.
 */
type Density = "card" | "inline" | "dense";

const HEAD: Record<Density, string> = {
  card: "bg-slate-50",
  inline: "",
  dense: "bg-slate-50",
};

function cellPadding(density: Density, index: number, last: boolean): string {
  if (density === "card") return "px-4 py-3";
  if (density === "dense") return index === 0 ? "px-4 py-2.5" : "px-3 py-2.5";
  return last ? "py-2" : "py-2 pr-4";
}

const join = (...classes: (string | false | undefined)[]) => classes.filter(Boolean).join(" ");

/**
 * The desk's one table: a caption for assistive technology, column headers with `scope="col"`, the
 * first cell of each row as its header (`scope="row"`). Cells keep whatever they render (links,
 * buttons, forms), so focus styles stay those of the controls.
 */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  rowProps,
  density = "card",
  layout = "auto",
  className,
  rowHeader = 0,
}: {
  /** Read out before the table; visually hidden (the page's heading says it for sighted readers). */
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  /** Per-row attributes: a muted class for disabled rows, data attributes for keyboard navigation. */
  rowProps?: (row: T) => RowAttributes;
  density?: Density;
  /** `fixed`: column widths from `Column.width`, for long text that must not push the others aside. */
  layout?: "auto" | "fixed";
  /** Extra classes for the table, e.g. a minimum width or a margin. */
  className?: string;
  /** The column whose cells head their rows (`scope="row"`); not 0 when a selection checkbox comes first. */
  rowHeader?: number;
}) {
  const last = columns.length - 1;
  return (
    <table className={join(layout === "fixed" ? "w-full table-fixed" : "min-w-full", "divide-y divide-slate-200 text-sm", className)}>
      <caption className="sr-only">{caption}</caption>
      {layout === "fixed" && (
        <colgroup>
          {columns.map((column, index) => (
            <col key={index} className={column.width} />
          ))}
        </colgroup>
      )}
      <thead className={join(HEAD[density], "text-left text-xs font-semibold uppercase tracking-wide text-slate-600")}>
        <tr>
          {columns.map((column, index) => (
            <th key={index} scope="col" className={join(cellPadding(density, index, index === last), column.className)}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={rowKey(row)} {...rowProps?.(row)}>
            {columns.map((column, index) => {
              const className = join(cellPadding(density, index, index === last), column.className);
              return index === rowHeader ? (
                <th key={index} scope="row" className={join(className, "text-left", column.cellClassName ?? "font-medium")}>
                  {column.cell(row)}
                </th>
              ) : (
                <td key={index} className={join(className, column.cellClassName)}>
                  {column.cell(row)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
