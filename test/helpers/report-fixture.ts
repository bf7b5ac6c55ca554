// A fixed report model: the renderers' unit tests read exact output from it, and the contract samples use it.
import type { Report, SiteReport } from '../../src/shared/report/model'

export const sampleSiteReport: SiteReport = {
  account: 'work',
  site: 'shop.example.com',
  timezone: 'Europe/Berlin',
  period: {
    label: 'Last 7 days',
    first: '2026-11-16',
    last: '2026-11-22',
    dateRange: ['2026-11-16', '2026-11-22'],
  },
  comparison: {
    mode: 'previous_period',
    label: '9 Nov – 15 Nov 2026',
    first: '2026-11-09',
    last: '2026-11-15',
    dateRange: ['2026-11-09', '2026-11-15'],
  },
  topStats: [
    { metric: 'visitors', label: 'Unique visitors', value: 1234, comparisonValue: 1100, change: 12 },
    { metric: 'visits', label: 'Total visits', value: 1500, comparisonValue: 1500, change: 0 },
    { metric: 'pageviews', label: 'Total pageviews', value: 4321, comparisonValue: 4800, change: -10 },
    { metric: 'views_per_visit', label: 'Views per visit', value: 2.88, comparisonValue: 3.2, change: -10 },
    { metric: 'bounce_rate', label: 'Bounce rate', value: 41, comparisonValue: 44, change: -3 },
    { metric: 'visit_duration', label: 'Visit duration', value: 125, comparisonValue: null, change: null },
  ],
  series: {
    metric: 'visitors',
    interval: 'time:day',
    points: [
      { label: '2026-11-16', value: 100 },
      { label: '2026-11-17', value: 200 },
      { label: '2026-11-18', value: 0 },
      { label: '2026-11-19', value: 350 },
      { label: '2026-11-20', value: 175 },
      { label: '2026-11-21', value: 50 },
      { label: '2026-11-22', value: 359 },
    ],
  },
  tables: [
    {
      id: 'sources',
      title: 'Top sources',
      columnLabel: 'Source',
      metrics: ['visitors', 'bounce_rate', 'visit_duration'],
      metricLabels: ['Visitors', 'Bounce rate', 'Visit duration'],
      rows: [
        { name: 'Google', values: [600, 40, 65] },
        { name: 'Direct / None', values: [400, 50, null] },
      ],
    },
    {
      id: 'pages',
      title: 'Top pages',
      columnLabel: 'Page',
      metrics: ['visitors', 'pageviews', 'bounce_rate'],
      metricLabels: ['Visitors', 'Pageviews', 'Bounce rate'],
      rows: [{ name: '/pricing|plans', values: [300, 420, 33.3] }],
    },
    {
      id: 'countries',
      title: 'Countries',
      columnLabel: 'Country',
      metrics: ['visitors', 'percentage'],
      metricLabels: ['Visitors', '%'],
      rows: [{ name: 'Germany', values: [700, 56.7] }],
    },
    {
      id: 'devices',
      title: 'Devices',
      columnLabel: 'Device',
      metrics: ['visitors', 'percentage'],
      metricLabels: ['Visitors', '%'],
      rows: [{ name: 'Desktop', values: [900, 72.9] }],
    },
    {
      id: 'goals',
      title: 'Goal conversions',
      columnLabel: 'Goal',
      metrics: ['visitors', 'events', 'conversion_rate'],
      metricLabels: ['Uniques', 'Total', 'CR'],
      rows: [],
    },
  ],
  notes: [],
}

export const sampleReport: Report = {
  title: 'Report for shop.example.com',
  generatedAt: '2026-11-23T14:30:00.000Z',
  periodLabel: 'Last 7 days',
  compare: 'previous_period',
  sites: [sampleSiteReport],
  failures: [],
  requests: { queries: 9, sent: 8 },
}
