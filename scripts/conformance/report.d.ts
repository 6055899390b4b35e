import type { Criterion } from './criteria.js';

export interface TestResult {
  file: string;
  name: string;
  status: string;
}
export interface AxeRule {
  ruleId: string;
  tags: string[];
}
export interface ConformanceRow extends Criterion {
  status: string;
  remarks: string;
  en: string;
  s508: string;
}
export const GAPS: Readonly<Record<string, string>>;
export const START: string;
export const END: string;
export function citedCriteria(name: string): string[];
export function criteriaOfAxeTags(tags: readonly string[]): string[];
export function conformanceRows(results: { tests: readonly TestResult[] }, axeRules: readonly AxeRule[], sweepFile?: string): ConformanceRow[];
export function conformanceMarkdown(rows: readonly ConformanceRow[], info: { generatedAt: string; testCount: number }): string;
export function replaceGenerated(document: string, generated: string): string;
