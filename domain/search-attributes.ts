import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Custom search attributes kept current by every cycle, so visibility can list and filter without a worker. */
export const MunicipalityCode = defineSearchAttributeKey('MunicipalityCode', SearchAttributeType.KEYWORD);
export const MunicipalityName = defineSearchAttributeKey('MunicipalityName', SearchAttributeType.KEYWORD);
export const Region = defineSearchAttributeKey('Region', SearchAttributeType.KEYWORD);
export const CycleYear = defineSearchAttributeKey('CycleYear', SearchAttributeType.INT);
export const CyclePhase = defineSearchAttributeKey('CyclePhase', SearchAttributeType.KEYWORD);
export const Escalated = defineSearchAttributeKey('Escalated', SearchAttributeType.BOOL);
export const OverdueCount = defineSearchAttributeKey('OverdueCount', SearchAttributeType.INT);
export const NextDueAt = defineSearchAttributeKey('NextDueAt', SearchAttributeType.DATETIME);

export const allSearchAttributes = [
  MunicipalityCode,
  MunicipalityName,
  Region,
  CycleYear,
  CyclePhase,
  Escalated,
  OverdueCount,
  NextDueAt,
] as const;

/** Type names as the Temporal CLI's `--search-attribute Name=Type` flag spells them. */
export const cliTypeName: Record<string, string> = {
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.INT]: 'Int',
  [SearchAttributeType.BOOL]: 'Bool',
  [SearchAttributeType.DATETIME]: 'Datetime',
  [SearchAttributeType.TEXT]: 'Text',
  [SearchAttributeType.DOUBLE]: 'Double',
  [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
};
