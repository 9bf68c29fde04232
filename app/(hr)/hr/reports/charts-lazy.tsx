'use client';

import dynamic from 'next/dynamic';

/** The charting library loads after the page (it is most of the page's JavaScript); the tables beside the charts are there at once. */
const placeholder = (height: number) =>
  function ChartLoading() {
    return <div className="chart" style={{ height }} aria-hidden="true" />;
  };

export const UtilisationChart = dynamic(() => import('./charts').then((m) => m.UtilisationChart), { ssr: false, loading: placeholder(276) });
export const OutcomesChart = dynamic(() => import('./charts').then((m) => m.OutcomesChart), { ssr: false, loading: placeholder(256) });
