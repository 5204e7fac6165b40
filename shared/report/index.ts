/**
 * Report rendering: report.json (exact, internal) to report.md and report.html (suppressed, shareable).
 */
export { renderMarkdown, type MarkdownRenderOptions } from './markdown.ts';
export { renderHtml, type HtmlRenderOptions } from './html.ts';
export { suppressCount, protectGroup, SUPPRESSION_NOTE } from './suppress.ts';
export { lineChart } from './charts.ts';
