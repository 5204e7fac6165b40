import type { DecimalMark } from './values.ts';

/** The header names of one Ads Manager interface language. Several spellings are seen per language. */
export interface MetaHeaderSet {
  lang: string;
  decimal: DecimalMark;
  /** `Amount spent (GBP)`: the only place Ads Manager writes the currency. */
  spend: RegExp;
  starts: string[];
  ends: string[];
  day: string[];
  campaign: string[];
  adSet: string[];
  ad: string[];
  campaignId: string[];
  impressions: string[];
  reach: string[];
  clicks: string[];
  linkClicks: string[];
  results: string[];
  videoViews: string[];
  engagements: string[];
  region: string[];
  country: string[];
  age: string[];
  gender: string[];
  placement: string[];
}

/**
 * Ads Manager export headers by interface language. English is checked against real exports;
 * the others follow exports seen in public projects (spellings vary between Ads Manager
 * versions, so a few variants are listed). Headers compare case-insensitively (reader.ts headerKey).
 */
export const META_HEADER_SETS: readonly MetaHeaderSet[] = [
  {
    lang: 'en', decimal: '.', spend: /^amount spent \(([a-z]{3})\)$/,
    starts: ['Reporting starts'], ends: ['Reporting ends'], day: ['Day'],
    campaign: ['Campaign name'], adSet: ['Ad set name'], ad: ['Ad name'], campaignId: ['Campaign ID'],
    impressions: ['Impressions'], reach: ['Reach'], clicks: ['Clicks (all)'], linkClicks: ['Link clicks'],
    results: ['Results'], videoViews: ['ThruPlays', 'Video plays'], engagements: ['Post engagements', 'Post engagement'],
    region: ['Region'], country: ['Country'], age: ['Age'], gender: ['Gender'], placement: ['Placement'],
  },
  {
    lang: 'es', decimal: ',', spend: /^importe gastado \(([a-z]{3})\)$/,
    starts: ['Inicio del informe'], ends: ['Fin del informe'], day: ['Día'],
    campaign: ['Nombre de la campaña'], adSet: ['Nombre del conjunto de anuncios'], ad: ['Nombre del anuncio'], campaignId: ['Identificador de la campaña'],
    impressions: ['Impresiones'], reach: ['Alcance'], clicks: ['Clics (todos)'], linkClicks: ['Clics en el enlace'],
    results: ['Resultados'], videoViews: ['ThruPlays', 'Reproducciones de ThruPlay'], engagements: ['Interacciones con la publicación', 'Interacción con la publicación'],
    region: ['Región'], country: ['País'], age: ['Edad'], gender: ['Sexo'], placement: ['Ubicación'],
  },
  {
    lang: 'fr', decimal: ',', spend: /^montant dépensé \(([a-z]{3})\)$/,
    starts: ['Début des rapports'], ends: ['Fin des rapports'], day: ['Jour'],
    campaign: ['Nom de la campagne'], adSet: ["Nom de l'ensemble de publicités"], ad: ['Nom de la publicité'], campaignId: ['Identifiant de la campagne'],
    impressions: ['Impressions'], reach: ['Couverture'], clicks: ['Clics (tous)'], linkClicks: ['Clics sur un lien', 'Clics sur le lien'],
    results: ['Résultats'], videoViews: ['ThruPlays'], engagements: ['Interactions avec la publication', 'Interactions avec les publications'],
    region: ['Région'], country: ['Pays'], age: ['Âge'], gender: ['Sexe'], placement: ['Placement'],
  },
  {
    lang: 'it', decimal: ',', spend: /^importo speso \(([a-z]{3})\)$/,
    starts: ['Inizio report'], ends: ['Fine report'], day: ['Giorno'],
    campaign: ['Nome della campagna'], adSet: ['Nome del gruppo di inserzioni'], ad: ["Nome dell'inserzione"], campaignId: ['ID della campagna'],
    impressions: ['Impression', 'Impressioni'], reach: ['Copertura'], clicks: ['Clic (tutti)'], linkClicks: ['Clic sul link'],
    results: ['Risultati'], videoViews: ['ThruPlay'], engagements: ['Interazioni con i post', 'Interazioni con il post'],
    region: ['Regione'], country: ['Paese'], age: ['Età'], gender: ['Sesso'], placement: ['Posizionamento'],
  },
  {
    lang: 'nl', decimal: ',', spend: /^besteed bedrag \(([a-z]{3})\)$/,
    starts: ['Begin rapportage', 'Start rapportage'], ends: ['Einde rapportage'], day: ['Dag'],
    campaign: ['Campagnenaam', 'Naam campagne'], adSet: ['Naam advertentieset', 'Advertentiesetnaam'], ad: ['Advertentienaam', 'Naam advertentie'], campaignId: ['Campagne-ID'],
    impressions: ['Weergaven'], reach: ['Bereik'], clicks: ['Klikken (alle)'], linkClicks: ['Klikken op link', 'Klikken op links', 'Linkklikken'],
    results: ['Resultaten'], videoViews: ['ThruPlays'], engagements: ['Berichtbetrokkenheid', 'Betrokkenheid bij bericht'],
    region: ['Regio'], country: ['Land'], age: ['Leeftijd'], gender: ['Geslacht'], placement: ['Plaatsing'],
  },
  {
    lang: 'pt', decimal: ',', spend: /^valor usado \(([a-z]{3})\)$/,
    starts: ['Início dos relatórios'], ends: ['Término dos relatórios', 'Encerramento dos relatórios'], day: ['Dia'],
    campaign: ['Nome da campanha'], adSet: ['Nome do conjunto de anúncios'], ad: ['Nome do anúncio'], campaignId: ['Identificação da campanha'],
    impressions: ['Impressões'], reach: ['Alcance'], clicks: ['Cliques (todos)'], linkClicks: ['Cliques no link'],
    results: ['Resultados'], videoViews: ['ThruPlays'], engagements: ['Engajamento com a publicação', 'Engajamentos com a publicação'],
    region: ['Região'], country: ['País'], age: ['Idade'], gender: ['Gênero'], placement: ['Posicionamento'],
  },
];
