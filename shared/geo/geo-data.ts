/**
 * Where the place-name data comes from: the npm packages in node_modules locally, or a copy of the
 * part the seed countries need inside a Lambda bundle (CAMPAIGN_GEO_DIR), since bundles carry no
 * node_modules and the whole town database is 74 MB.
 */
export const GEO_DIR = process.env.CAMPAIGN_GEO_DIR;

/** CLDR locales read for subdivision names: English, and the seed countries' own languages. */
export const CLDR_LOCALES = ['en', 'lt', 'it', 'sw', 'ar', 'yo', 'ha', 'cy', 'gd', 'ga'];

/** Town database folders shipped in Lambda bundles: the countries the NGO's campaigns work in. */
export const BUNDLED_TOWN_COUNTRIES = ['United_Kingdom-GB', 'Lithuania-LT', 'Kenya-KE', 'Uganda-UG', 'Nigeria-NG', 'Italy-IT', 'Libya-LY'];
