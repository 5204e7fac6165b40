/**
 * Disclosure rules for shared reports: which counts are hidden, whether shown counts are rounded,
 * and how many partners must stand behind a figure that partners see.
 * Set per campaign (`disclosure:` in the campaign file) over a project-wide default.
 */
import { z } from 'zod';

/** The rules in force for one report. */
export interface DisclosureRules {
  /** Counts from 1 to threshold - 1 are hidden (primary suppression). 0 is always shown. */
  threshold: number;
  /** Shown counts are rounded to the nearest multiple of this (1 = exact). */
  roundTo: number;
  /** A figure in the partners' copy needs at least this many contributing partners. */
  minPartners: number;
  /** Name of the preset the rules came from, for the report footer. */
  preset: PresetName;
}

export const PRESETS = {
  /** The project default: hide 1 to 4, show the rest exactly. */
  default: { threshold: 5, roundTo: 1, minPartners: 3 },
  /** ONS-style "10-5": hide counts under 10, round the rest to the nearest 5. */
  'ons-10-5': { threshold: 10, roundTo: 5, minPartners: 3 },
  /** NHS Digital: hide 1 to 7, round the rest to the nearest 5. */
  'nhs-digital': { threshold: 8, roundTo: 5, minPartners: 3 },
} as const satisfies Record<string, Omit<DisclosureRules, 'preset'>>;

export type PresetName = keyof typeof PRESETS;

/** Rules that apply when a campaign says nothing. */
export const DEFAULT_RULES: DisclosureRules = { ...PRESETS.default, preset: 'default' };

/** `disclosure:` in a campaign file: a preset, optionally with single rules overridden. */
export const disclosureSchema = z.strictObject({
  preset: z.enum(Object.keys(PRESETS) as [PresetName, ...PresetName[]]).optional(),
  threshold: z.number().int().min(2).max(100).optional(),
  roundTo: z.number().int().min(1).max(100).optional(),
  minPartners: z.number().int().min(1).max(20).optional(),
});

export type DisclosureSetting = z.infer<typeof disclosureSchema>;

/**
 * The rules for a report: the campaign's setting over the project default.
 * @example resolveRules({ preset: 'nhs-digital' }) // threshold 8, roundTo 5, minPartners 3
 */
export function resolveRules(setting: DisclosureSetting = {}, projectDefault: DisclosureSetting = {}): DisclosureRules {
  const preset = setting.preset ?? projectDefault.preset ?? 'default';
  const base = PRESETS[preset];
  const pick = <K extends 'threshold' | 'roundTo' | 'minPartners'>(k: K): number => setting[k] ?? projectDefault[k] ?? base[k];
  return { threshold: pick('threshold'), roundTo: pick('roundTo'), minPartners: pick('minPartners'), preset };
}

/** True for a count that must be hidden under these rules: more than 0 and under the threshold. */
export function isSmall(n: number, rules: Pick<DisclosureRules, 'threshold'>): boolean {
  return n > 0 && n < rules.threshold;
}

/** A shown count, rounded as the rules say (half away from zero). */
export function roundCount(n: number, rules: Pick<DisclosureRules, 'roundTo'>): number {
  if (rules.roundTo <= 1) return n;
  return Math.round(n / rules.roundTo) * rules.roundTo;
}

/** Text shown instead of a small count: `<5`, `<8`... */
export function smallLabel(rules: Pick<DisclosureRules, 'threshold'>): string {
  return `<${rules.threshold}`;
}
