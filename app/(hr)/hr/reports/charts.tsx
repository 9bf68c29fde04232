'use client';

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

const COLOURS = ['#0f6e5a', '#8a4b00', '#3553a5', '#a3245c', '#4d5b14', '#5a3d8a', '#00677f', '#7a2e2e'];

/** Utilisation over time, one line per room (suppressed cells are gaps). The table beside it holds the numbers. */
export function UtilisationChart({ data, rooms, label }: { data: Record<string, string | number | null>[]; rooms: string[]; label: string }) {
  return (
    <div role="img" aria-label={label} className="chart">
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="bucket" tick={{ fontSize: 12 }} />
          <YAxis unit="%" tick={{ fontSize: 12 }} width={44} />
          <Tooltip />
          <Legend />
          {rooms.map((room, i) => (
            <Line key={room} type="monotone" dataKey={room} stroke={COLOURS[i % COLOURS.length]} strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Requests received, approved and denied per period. */
export function OutcomesChart({ data, label }: { data: { bucket: string; received: number | null; approved: number | null; denied: number | null }[]; label: string }) {
  return (
    <div role="img" aria-label={label} className="chart">
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="bucket" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={36} />
          <Tooltip />
          <Legend />
          <Bar dataKey="received" name="Received" fill="#3553a5" isAnimationActive={false} />
          <Bar dataKey="approved" name="Approved" fill="#0f6e5a" isAnimationActive={false} />
          <Bar dataKey="denied" name="Denied" fill="#a3245c" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
