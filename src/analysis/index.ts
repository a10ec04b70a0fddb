/**
 * `olinpe/analysis`: from yearly event files to young people, measures, trajectories and indicators for the
 * observatories. Works on a compact columnar table, so a national consolidation fits in memory.
 *
 * @module analysis
 */
export { RecordTable, addSource, SMALL_COLUMNS, TEXT_COLUMNS, DANGER_VARIABLES } from './table.js';
export type { RecordLike, LocatedRecord, RecordSource, SmallColumn, TextColumn } from './table.js';
export { NO_DAY, dayNumber, dayOf, yearOfDay, isoDay, ageOn } from './dates.js';
export type { DayValue } from './dates.js';
export { NATURE_GROUPS, KINDS, measureKind, natureGroup, natureGroupIndex, groupLabel } from './natures.js';
export type { MeasureKind, NatureGroup } from './natures.js';
export { buildTrajectories, linkTable, inferFileYears, releaseLines, MeasureFlag, PersonFlag } from './link.js';
export type {
  Trajectories,
  MeasureTable,
  PersonTable,
  Quality,
  FileYear,
  BuildOptions,
  UnlinkedReason,
} from './link.js';
export { measureView, personTrajectory, allMeasures } from './views.js';
export type { MeasureView, TrajectoryView } from './views.js';
export { indicators, indicatorAgeBand, INDICATOR_AGE_BANDS } from './indicators.js';
export type { Indicators, IndicatorOptions, Breakdown, Counts, YearPoint } from './indicators.js';
export { quartiles, kaplanMeier, kaplanMeierCurve } from './stats.js';
export type { Quartiles, SurvivalCurve, SurvivalQuartiles } from './stats.js';
export { analysisReport, humanCsvCell, qualityItems, reportCsv } from './report.js';
export { reportHtml, reportTables, reportXlsx } from './report-html.js';
export type { AnalysisReport, QualityItem } from './report.js';
