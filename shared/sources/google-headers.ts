import type { DecimalMark } from './values.ts';

/** The header names of one Google Ads interface language. */
export interface GoogleHeaderSet {
  lang: string;
  /** Google localises numbers with the interface: Dutch `1.696` and `1487,67`. */
  decimal: DecimalMark;
  /** First cell of the report's own total rows (`Total: Campaigns`, `Totaal: Account`). */
  total: RegExp;
  campaign: string[];
  campaignId: string[];
  adGroup: string[];
  keyword: string[];
  /** One "Locality, Region, Country" column (location and user-location reports). */
  location: string[];
  /** User-location reports split the place over columns: most specific first. */
  locationParts: string[][];
  day: string[];
  impressions: string[];
  clicks: string[];
  interactions: string[];
  videoViews: string[];
  cost: string[];
  currency: string[];
}

/**
 * Google Ads UI report headers by interface language. English and Dutch are checked against
 * real exports (`Impr.`; `Vertoningen`, `Kosten`, a soft hyphen in `Conv.waarde/kosten`).
 */
export const GOOGLE_HEADER_SETS: readonly GoogleHeaderSet[] = [
  {
    lang: 'en', decimal: '.', total: /^total\s*:/i,
    campaign: ['Campaign'], campaignId: ['Campaign ID'], adGroup: ['Ad group'], keyword: ['Keyword', 'Search keyword'],
    location: ['Location', 'Targeted location', 'User location', 'Matched location'],
    locationParts: [['City (User location)', 'City'], ['Region (User location)', 'Region'], ['Country/Territory (User location)', 'Country/Territory']],
    day: ['Day', 'Date'], impressions: ['Impr.', 'Impressions'], clicks: ['Clicks'], interactions: ['Interactions'],
    videoViews: ['Video views', 'Views'], cost: ['Cost'], currency: ['Currency code', 'Currency'],
  },
  {
    lang: 'nl', decimal: ',', total: /^totaal\s*:/i,
    campaign: ['Campagne'], campaignId: ['Campagne-ID'], adGroup: ['Advertentiegroep'], keyword: ['Zoekwoord'],
    location: ['Locatie', 'Getargete locatie', 'Gebruikerslocatie'],
    locationParts: [['Stad (gebruikerslocatie)', 'Stad'], ['Regio (gebruikerslocatie)', 'Regio'], ['Land/regio (gebruikerslocatie)', 'Land/regio']],
    day: ['Dag', 'Datum'], impressions: ['Vertoningen', 'Vert.'], clicks: ['Aantal klikken', 'Klikken'], interactions: ['Interacties'],
    videoViews: ['Videoweergaven', 'Weergaven'], cost: ['Kosten'], currency: ['Valutacode', 'Valuta'],
  },
];
