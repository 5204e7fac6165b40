/**
 * Report rendering: report.json (exact, internal) -> protectReport (the one disclosure step) ->
 * report.md and report.html (shareable). Renderers take only the protected copy.
 */
export { renderMarkdown, type MarkdownRenderOptions } from './markdown.ts';
export { renderHtml, type HtmlRenderOptions } from './html.ts';
export { regionWeeksCsvBytes, renderRegionWeeksCsv, REGION_WEEKS_FILE } from './region-weeks-csv.ts';
export { suppressCount, protectGroup, SUPPRESSION_NOTE } from './suppress.ts';
export { Contributions, protectReport, type ProtectOptions } from './disclosure/protect.ts';
export type { ProtectedReport } from './disclosure/protected-report.ts';
export { DEFAULT_RULES, resolveRules, type DisclosureRules } from './disclosure/rules.ts';
export { lineChart } from './charts.ts';
