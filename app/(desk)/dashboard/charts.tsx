"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/*
 * The dashboard's charts (recharts). They are pictures of numbers the page also prints in a table
 * beside each chart, so the SVG is hidden from assistive technology and the table is the accessible
 * form; colours are the state badges' hues, dark enough for text-on-white contrast.
 */

const AXIS = { fontSize: 12, fill: "#334155" };
export const SERIES_COLOURS = { submitted: "#b45309", verified: "#047857", published: "#1d4ed8", median: "#0369a1", p90: "#7c2d12" } as const;

export interface ActivityPoint {
  label: string;
  submitted: number;
  verified: number;
  published: number;
}

export function ActivityChart({ data }: { data: ActivityPoint[] }) {
  return (
    <div aria-hidden className="h-64 w-full" data-testid="activity-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={AXIS} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} minTickGap={12} />
          <YAxis allowDecimals={false} tick={AXIS} tickLine={false} axisLine={false} />
          <Tooltip cursor={{ fill: "#f1f5f9" }} />
          <Legend wrapperStyle={{ fontSize: 12, color: "#334155" }} />
          <Bar dataKey="submitted" name="Submitted" fill={SERIES_COLOURS.submitted} radius={[2, 2, 0, 0]} />
          <Bar dataKey="verified" name="Verified" fill={SERIES_COLOURS.verified} radius={[2, 2, 0, 0]} />
          <Bar dataKey="published" name="Published" fill={SERIES_COLOURS.published} radius={[2, 2, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export interface StayPoint {
  label: string;
  median: number;
  p90: number;
}

export function TimeInStateChart({ data }: { data: StayPoint[] }) {
  return (
    <div aria-hidden className="h-56 w-full" data-testid="time-in-state-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e2e8f0" />
          <XAxis type="number" tick={AXIS} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} unit=" h" />
          <YAxis type="category" dataKey="label" tick={AXIS} tickLine={false} axisLine={false} width={72} />
          <Tooltip cursor={{ fill: "#f1f5f9" }} formatter={(value) => `${value} h`} />
          <Legend wrapperStyle={{ fontSize: 12, color: "#334155" }} />
          <Bar dataKey="median" name="Median" fill={SERIES_COLOURS.median} radius={[0, 2, 2, 0]} />
          <Bar dataKey="p90" name="90th percentile" fill={SERIES_COLOURS.p90} radius={[0, 2, 2, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
