/**
 * SVG chart builders for the report. Each returns a self-contained SVG string: no scripts, no
 * external references; `role="img"` with `<title>` and `<desc>`; scales to its container.
 */
export { deliveryChart } from './charts/delivery-chart.ts';
export { demandChart, demandChannels, reportPeriods } from './charts/demand-chart.ts';
export { liftCumulativeChart, liftObservedChart } from './charts/lift-charts.ts';
export { lineChart, type LineBand, type LineChartOptions, type LinePoint, type LineSeries } from './charts/line-chart.ts';
export type { ChartPeriod } from './charts/frame.ts';
export { standaloneSvg } from './charts/svg.ts';
